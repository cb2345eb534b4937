import { normalizeTaxId } from '../../model/normalizeTaxId.js';
import { setOwn } from '../../model/setOwn.js';
import { columnKey } from '../mapping/columnKey.js';
import { compileCondition } from '../mapping/compileCondition.js';
import { compileTemplate, type NormalizationCounts, type Template } from '../mapping/compileTemplate.js';
import type { Condition } from '../mapping/Mapping.js';
import { parseDate } from '../mapping/parseDate.js';
import type { WatchlistEntry } from '../records.js';
import type { HeaderMatcher, TableInterpreter } from '../TableInterpreter.js';
import type { TableHeader } from '../TableRow.js';
import type { WatchlistMapping } from './WatchlistMapping.js';
import { createColumnResolver } from '../mapping/createColumnResolver.js';
import { type ColumnUse, missingColumnsError } from '../mapping/missingColumnsError.js';

/**
 * Compiles a validated watchlist mapping and returns the header matcher that binds it to a file: the header is the
 * first row that has every column the mapping needs (or the `headerRow` it names), and each row under it becomes one
 * watchlist entry. A row without a tax id or a status, or with a listing date that is not a date, is rejected; a
 * row a skip rule matches is counted under the rule. Columns the mapping does not read are kept as attributes.
 *
 * @example
 * const matcher = watchlistMatcher(validateWatchlistMapping(SAT_69B.watchlist));
 * new TableIngester({ file: '69-B.csv', strict: false, valueFormat: valueFormatOf({}), matcher, aggregate: undefined });
 */
export function watchlistMatcher(mapping: WatchlistMapping): HeaderMatcher {
  const uses: ColumnUse[] = [];
  const template = (source: string, key: string) => {
    const compiled = compileTemplate(source, key);
    for (const column of compiled.columns) uses.push({ key, name: column.name, optional: column.optional });
    return compiled;
  };
  const condition = (where: Condition, key: string) => {
    const compiled = compileCondition(where, key);
    for (const column of compiled.columns) uses.push({ key: column.key, name: column.name, optional: false });
    return compiled;
  };
  const { entry } = mapping;
  const taxId = template(entry.taxId, 'entry.taxId');
  const name = template(entry.name, 'entry.name');
  const status = template(entry.status, 'entry.status');
  const attributes: Array<[string, Template]> = Object.entries(entry.attributes ?? {}).map(([label, source]) => [
    label,
    template(source, `entry.attributes.${label}`),
  ]);
  const listedOn = entry.listedOn;
  if (listedOn) uses.push({ key: 'entry.listedOn.column', name: listedOn.column, optional: false });
  const skips = (mapping.skip ?? []).map((rule, at) => ({
    name: rule.name,
    where: condition(rule.where, `skip[${at}].where`),
  }));

  const resolve = createColumnResolver(mapping.aliases);
  const missing = (header: TableHeader) =>
    uses.filter((use) => !use.optional && resolve(header, use.name) === undefined);

  return {
    ...(mapping.headerRow !== undefined ? { headerRow: mapping.headerRow } : {}),
    match(header): TableInterpreter | undefined {
      if (missing(header).length > 0) return undefined;
      const bound = new Map<string, string>();
      for (const use of uses) {
        const key = resolve(header, use.name);
        if (key !== undefined) bound.set(columnKey(use.name), key);
      }
      const column = (label: string) => bound.get(columnKey(label));
      // The columns the entry's own fields read; every other column is kept on the entry as it was written.
      const known: ReadonlySet<string> = new Set(bound.values());
      const normalizations: NormalizationCounts = {};
      const blame = (compiled: Template) => (compiled.columns[0] ? column(compiled.columns[0].name) : undefined);
      return {
        format: 'watchlist',
        mapping: mapping.name ?? 'watchlist',
        normalizations,
        read(row, sink) {
          const cell = (label: string) => {
            const key = column(label);
            return key === undefined ? '' : row.raw(key);
          };
          for (const rule of skips) if (rule.where.test(cell)) return rule.name;

          const written = taxId.evaluate(cell, normalizations);
          const normalized = normalizeTaxId(written);
          if (normalized !== written) normalizations.taxid = (normalizations.taxid ?? 0) + 1;
          if (normalized === '') row.fail(blame(taxId), 'missing_field', 'the row has no tax id');
          const state = status.evaluate(cell).trim().toLowerCase();
          if (state === '') row.fail(blame(status), 'missing_field', 'the row has no status');
          let date: string | undefined;
          if (listedOn) {
            const key = column(listedOn.column)!;
            const text = row.raw(key).trim();
            if (text !== '') {
              date = parseDate(text, listedOn.format);
              if (!date) row.fail(key, 'bad_date', `${JSON.stringify(text)} is not a ${listedOn.format} date`);
            }
          }
          if (row.issues.length > 0) return undefined;

          const listed: WatchlistEntry = {
            taxId: normalized,
            name: name.evaluate(cell).replace(/\s+/g, ' ').trim(),
            status: state,
            provenance: row.provenance,
          };
          if (date !== undefined) listed.listedOn = date;
          if (entry.source !== undefined) listed.source = entry.source;
          const kept = row.extras(known) ?? {};
          for (const [label, compiled] of attributes) {
            const value = compiled.evaluate(cell).trim();
            if (value !== '') setOwn(kept, label, value);
          }
          if (Object.keys(kept).length > 0) listed.attributes = kept;
          sink.watchlist.push(listed);
          return undefined;
        },
      };
    },
    noHeader: (file, candidates) => missingColumnsError(file, candidates, uses, missing),
  };
}
