/**
 * The key a column name is matched by: no accents, lower case, runs of spaces folded, trimmed, no BOM. So `Supplier
 * name ` matches `supplier name` and `GC_GASTO_DE_OPERACIÓN` matches `gc_gasto_de_operacion`.
 */
export function columnKey(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
