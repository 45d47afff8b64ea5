// A module-loading hook for tests that count how often the report and the notice model are built:
// it wraps the two builders where they are defined, so production code carries no counter. Each
// call adds one to globalThis.builderCalls[name], read and reset by the test.
const BUILDERS = [
  ['/src/domain/report.ts', 'buildPeriodReport'],
  ['/src/documents/notice-model.ts', 'buildNoticeModel'],
];

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  const builder = BUILDERS.find(([path]) => url.split('?')[0].endsWith(path));
  if (!builder || loaded.source === undefined || loaded.source === null) return loaded;
  const [, name] = builder;
  const source = typeof loaded.source === 'string' ? loaded.source : Buffer.from(loaded.source).toString('utf8');
  // A function declaration's binding is live: reassigning it inside the module reaches every importer.
  const wrap = `\n;${name} = ((built) => function (...args) {
  const calls = (globalThis.builderCalls ??= {});
  calls[${JSON.stringify(name)}] = (calls[${JSON.stringify(name)}] ?? 0) + 1;
  return built.apply(this, args);
})(${name});\n`;
  return { ...loaded, source: source + wrap };
}
