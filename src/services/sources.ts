/**
 * Where each unit's required categories are listed on its portal: imported from a JSON file
 * (`sources import FILE`, or the web's sources page), checked against the registry (known unit, categories of its
 * group), stored with the unit's portal address. For a group known only by its number of
 * categories, complete source lists name its categories.
 */
import { z } from 'zod';
import type { PortalSources, SourceConfig } from '../crawler/crawl.js';
import { isValidSelector } from '../crawler/extract/dom.js';
import { PRESETS, type PresetName } from '../crawler/extract/presets.js';
import { type Db, inTransaction } from '../db/connection.js';
import * as groupsRepo from '../db/repositories/groups.js';
import * as sourcesRepo from '../db/repositories/sources.js';
import * as unitsRepo from '../db/repositories/units.js';
import type { PortalSourceRow } from '../db/schema.js';
import { isHttpUrl, URL_MAX } from '../domain/limits.js';
import { nameKey, normalizeText, todayInVietnam } from '../domain/text.js';

import { errors, type RowProblem } from '../errors.js';
import type { SourcesImportSummary, SourcesList } from '../contract/sources.js';
import { CRAWL_DATA_REFUSALS, assertStaff, workingDataScope } from './access.js';
import { type Actor, recordAudit } from './audit.js';
import { listGroups, RegistryMatcher } from './registry.js';

const httpUrl = z.string().trim().max(URL_MAX).refine(isHttpUrl, 'cần địa chỉ http:// hoặc https://');

const selector = z.string().trim().min(1).refine(isValidSelector, 'bộ chọn CSS không hợp lệ');
/** A regular expression whose first group is the listing's total. */
const regex = z
  .string()
  .min(1)
  .max(500)
  .refine((value) => {
    try {
      return new RegExp(value, 'u').source.length > 0 && /\((?!\?)/.test(value);
    } catch {
      return false;
    }
  }, 'biểu thức chính quy không hợp lệ hoặc không có nhóm (…) bắt con số tổng');
/** Page n's address: "{n}" must be in it, or every page would be the same. */
const pageTemplate = z.string().trim().min(1).max(500).refine((value) => value.includes('{n}'), 'mẫu địa chỉ trang phải có {n} (số trang)');
const presetNames = Object.keys(PRESETS) as [PresetName, ...PresetName[]];

export const sourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['rss', 'atom', 'sitemap']), url: httpUrl }).strict(),
  z
    .object({
      type: z.literal('html'),
      url: httpUrl,
      preset: z.enum(presetNames).optional(),
      item: selector.optional(),
      link: selector.optional(),
      title: selector.optional(),
      date: selector.optional(),
      next: selector.optional(),
      // How the listing states its total, and what an empty listing shows (README, "Nguồn tin").
      total: z
        .union([
          regex,
          z.object({ pattern: regex, decode: z.literal('base64-json').optional(), key: z.string().trim().min(1).optional() }).strict(),
        ])
        .optional(),
      empty: selector.optional(),
      emptyText: z.string().trim().min(1).max(200).optional(),
      // Pages the HTML does not link: "{n}" stands for the page number.
      pages: pageTemplate.optional(),
      endpoint: pageTemplate.optional(),
      json: z
        .object({
          items: z.string().trim().min(1),
          url: z.string().trim().min(1),
          title: z.string().trim().min(1).optional(),
          date: z.string().trim().min(1),
          total: z.string().trim().min(1).optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
]);

/** The sources file `sources import` reads and PUT /api/sources takes: {"units":[{"name","portal","categories":[{"name","min","source":{…}}]}]}. */
export const sourcesFileSchema = z
  .object({
    units: z.array(
      z
        .object({
          name: z.string().trim().min(1),
          portal: httpUrl,
          categories: z
            .array(
              z
                .object({
                  name: z.string().trim().min(1),
                  min: z.number().int().min(1).max(1000),
                  source: sourceSchema,
                })
                .strict()
                .superRefine((c, ctx) => {
                  if (c.source.type === 'html' && c.source.item === undefined && c.source.preset === undefined) {
                    ctx.addIssue({ code: 'custom', path: ['source', 'item'], message: 'nguồn HTML cần bộ chọn item hoặc preset' });
                  }
                }),
            )
            .min(1),
        })
        .strict(),
    ),
  })
  .strict();

export type SourcesFile = z.infer<typeof sourcesFileSchema>;

export type { SourcesImportSummary };

function problem(path: readonly PropertyKey[], message: string): RowProblem {
  return { line: 0, column: path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''), message };
}

/** Stored selectors: the HTML ones (and preset) as JSON, null for feeds and sitemaps. */
function selectorsJson(source: SourceConfig): string | null {
  if (source.type !== 'html') return null;
  const { type: _type, url: _url, ...selectors } = source;
  return JSON.stringify(selectors);
}

/**
 * Imports the sources file, by the board's staff (from the CLI or the web's sources page): every
 * unit must be registered and active, every category name must be one of its group's (when the
 * group lists them). All or nothing: any problem writes nothing. Audited with the units' sources
 * before and after.
 */
export async function importSources(db: Db, actor: Actor, input: unknown): Promise<SourcesImportSummary> {
  assertStaff(actor, 'Chỉ Ban biên tập được sửa nguồn tin của các đơn vị.');
  const { provinceId } = actor;
  const parsed = sourcesFileSchema.safeParse(input);
  if (!parsed.success) throw errors.importInvalid(parsed.error.issues.map((i) => problem(i.path, i.message)));
  const file = parsed.data;
  const today = todayInVietnam();
  return inTransaction(db, async (trx) => {
    const before = await sourcesByUnit(trx, provinceId);
    const registry = await RegistryMatcher.load(trx, provinceId);
    const groups = new Map((await listGroups(trx, provinceId)).map((g) => [g.id, g]));
    const problems: RowProblem[] = [];
    const seenUnits = new Map<string, number>();
    const plans: { unitId: string; portal: string; sources: sourcesRepo.NewSource[] }[] = [];
    /** group id → category names in file order, for groups known only by their count. */
    const unlisted = new Map<string, string[]>();

    file.units.forEach((entry, u) => {
      const unit = registry.findUnit(entry.name, today);
      if (!unit) return void problems.push(problem(['units', u, 'name'], `Không có đơn vị "${entry.name}" trong danh mục.`));
      if (unit.retired_on && unit.retired_on <= today) {
        return void problems.push(problem(['units', u, 'name'], `Đơn vị "${unit.name}" đã thôi hoạt động từ ${unit.retired_on}.`));
      }
      const earlier = seenUnits.get(unit.id);
      if (earlier !== undefined) {
        return void problems.push(problem(['units', u, 'name'], `"${entry.name}" là cùng đơn vị với units[${earlier}] (${unit.name}).`));
      }
      seenUnits.set(unit.id, u);
      const group = groups.get(unit.group_id);
      const keys = new Set<string>();
      const sources: sourcesRepo.NewSource[] = [];
      entry.categories.forEach((category, c) => {
        const name = normalizeText(category.name);
        const key = nameKey(name);
        if (keys.has(key)) return void problems.push(problem(['units', u, 'categories', c, 'name'], `Chuyên mục "${name}" bị lặp.`));
        keys.add(key);
        let categoryId: string | null = null;
        if (group && group.categories.length > 0) {
          categoryId = registry.categoryId(group.id, name);
          if (categoryId === null) {
            return void problems.push(
              problem(['units', u, 'categories', c, 'name'], `Chuyên mục "${name}" không có trong danh sách của nhóm "${group.name}".`),
            );
          }
        } else if (group) {
          const names = unlisted.get(group.id) ?? [];
          if (!names.some((n) => nameKey(n) === key)) names.push(name);
          unlisted.set(group.id, names);
        }
        sources.push({
          categoryName: name,
          categoryKey: key,
          categoryId,
          minPosts: category.min,
          sourceType: category.source.type,
          sourceUrl: category.source.url,
          selectors: selectorsJson(category.source),
        });
      });
      plans.push({ unitId: unit.id, portal: entry.portal, sources });
    });
    if (problems.length > 0) throw errors.importInvalid(problems);

    // A count-only group whose units' sources name exactly its number of categories gets that list.
    const groupsListed: string[] = [];
    const listedIds = new Map<string, Map<string, string>>();
    for (const [groupId, names] of unlisted) {
      const group = groups.get(groupId)!;
      if (names.length !== group.requiredCount) continue;
      const rows = await groupsRepo.replaceCategories(trx, groupId, names.map((name) => ({ name, nameKey: nameKey(name) })));
      listedIds.set(groupId, new Map(rows.map((r) => [r.name_key, r.id])));
      groupsListed.push(group.name);
    }
    for (const plan of plans) {
      const unit = (await unitsRepo.get(trx, provinceId, plan.unitId))!;
      const ids = listedIds.get(unit.group_id);
      const sources = ids ? plan.sources.map((s) => ({ ...s, categoryId: ids.get(s.categoryKey) ?? null })) : plan.sources;
      await unitsRepo.update(trx, plan.unitId, { portal_url: plan.portal });
      await sourcesRepo.replaceForUnit(trx, provinceId, plan.unitId, sources);
    }
    const summary = { units: plans.length, categories: plans.reduce((n, p) => n + p.sources.length, 0), groupsListed };
    const after = await sourcesByUnit(trx, provinceId);
    const changed = (name: string) => JSON.stringify(before[name]) !== JSON.stringify(after[name]);
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(changed);
    await recordAudit(trx, actor, {
      entity: 'sources',
      entityId: provinceId,
      action: 'import',
      before: Object.fromEntries(names.map((n) => [n, before[n] ?? null])),
      after: { ...summary, units: Object.fromEntries(names.map((n) => [n, after[n] ?? null])) },
    });
    return summary;
  });
}

/** Each unit's portal and its categories' sources as one line each, by unit name: what the audit compares. */
async function sourcesByUnit(db: Db, provinceId: string): Promise<Record<string, { portal: string; categories: string[] }>> {
  const portals = await portalSources(db, provinceId);
  return Object.fromEntries(
    portals.map((p) => [p.unit, { portal: p.portal, categories: p.categories.map((c) => `${c.name} (tối thiểu ${c.min}): ${c.source.type} ${c.source.url}`) }]),
  );
}

function sourceConfig(row: PortalSourceRow): SourceConfig {
  if (row.source_type === 'html') {
    const selectors = (row.selectors ? JSON.parse(row.selectors) : {}) as Omit<Extract<SourceConfig, { type: 'html' }>, 'type' | 'url'>;
    return { type: 'html', url: row.source_url, ...selectors };
  }
  return { type: row.source_type as 'rss' | 'atom' | 'sitemap', url: row.source_url };
}

/** The stored sources as the sources page and `sources list` show them; staff every unit's (or one's), a unit editor their own. */
export async function listSources(db: Db, actor: Actor, filter: { unitId?: string } = {}): Promise<SourcesList> {
  const unitId = workingDataScope(actor, filter.unitId, CRAWL_DATA_REFUSALS);
  const portals = await portalSources(db, actor.provinceId, unitId === undefined ? {} : { unitId });
  return { units: portals.map((p) => ({ unitId: p.unitId, name: p.unit, portal: p.portal, categories: p.categories })) };
}

/**
 * The crawler's view of the stored sources: one entry per active unit that has any, in registry
 * order. `includeRetired` keeps units retired since: a queued job was counted in its run's total
 * when the unit was active, and the run ends only when that job's categories are in.
 */
export async function portalSources(
  db: Db,
  provinceId: string,
  filter: { unitId?: string; includeRetired?: boolean } = {},
): Promise<(PortalSources & { unitId: string })[]> {
  const [rows, units] = await Promise.all([sourcesRepo.list(db, provinceId, { unitId: filter.unitId }), unitsRepo.list(db, provinceId)]);
  const today = todayInVietnam();
  return units
    .filter((u) => filter.includeRetired === true || !(u.retired_on && u.retired_on <= today))
    .flatMap((u) => {
      const own = rows.filter((r) => r.unit_id === u.id);
      if (own.length === 0) return [];
      return [{
        unitId: u.id,
        unit: u.name,
        portal: u.portal_url ?? own[0]!.source_url,
        categories: own.map((r) => ({ name: r.category_name, min: r.min_posts, source: sourceConfig(r) })),
      }];
    });
}
