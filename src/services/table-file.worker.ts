// Entry point of the table-parsing worker thread (see readTableFileOffThread).
export { readTableFileForWorker as default } from './table-file.js';
