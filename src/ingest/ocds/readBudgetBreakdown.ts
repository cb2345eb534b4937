import { parseStageName } from '../parseStageName.js';
import type { NodeRef } from '../records.js';
import { budgetLineId } from './budgetLineId.js';
import { idText } from './idText.js';
import { isJsonObject, type JsonObject } from './isJsonObject.js';
import type { ReleaseReader } from './ReleaseReader.js';

/**
 * Reads APF's `contracts[].implementation.budgetBreakdown`: per programme, the contract's money classified by funding
 * source (level 1), unidad responsable (level 2) and partida específica (level 4), each with measures Comprometido,
 * Devengado, Ejercido and Pagado. The deepest level splits the total (the partidas add up to the unit's figure), so
 * only it is read: one flow per partida and measure, budget line -> supplier, at the measure's stage. The unit that
 * signed is part of the budget line's id, so there is no separate buyer -> supplier flow to count the money twice.
 * The amounts are cumulative figures, not payments: the flows have no date.
 */
export function readBudgetBreakdown(reader: ReleaseReader): void {
  const { release } = reader;
  const contracts = reader.list(release.contracts);
  contracts.forEach((contract, contractIndex) => {
    if (!isJsonObject(contract) || !isJsonObject(contract.implementation)) return;
    const breakdowns = reader.list(contract.implementation.budgetBreakdown);
    if (breakdowns.length === 0) return;
    const contractPath = `contracts[${contractIndex}]`;
    const suppliers = suppliersOf(reader, contract, contractPath);
    const supplier = reader.suppliers(suppliers.list, suppliers.path);
    breakdowns.forEach((breakdown, index) => {
      const relative = `${contractPath}.implementation.budgetBreakdown[${index}]`;
      if (!isJsonObject(breakdown)) {
        reader.fail(relative, 'missing_field', `${reader.at(relative)} is not a budget breakdown object`, breakdown);
        return;
      }
      readBreakdown(reader, breakdown, relative, supplier, contractIndex);
    });
  });
}

function readBreakdown(
  reader: ReleaseReader,
  breakdown: JsonObject,
  relative: string,
  supplier: NodeRef | undefined,
  contractIndex: number,
): void {
  const classifications = reader
    .list(breakdown.budgetClassification)
    .map((entry, at) => ({ entry, at }))
    .filter((item): item is { entry: JsonObject; at: number } => isJsonObject(item.entry));
  const measured = classifications.filter(({ entry }) => Array.isArray(entry.measures));
  if (measured.length === 0) return;
  const programme = idText(breakdown.id);
  if (programme === undefined)
    reader.fail(`${relative}.id`, 'missing_field', `${reader.at(`${relative}.id`)} is missing`);
  const unit = classifications.find(({ entry }) => levelOf(entry) === 2);
  const unitId = unit ? idText(unit.entry.id) : undefined;
  if (unitId === undefined) {
    reader.fail(
      `${relative}.budgetClassification`,
      'missing_field',
      `${reader.at(`${relative}.budgetClassification`)} has no Unidad Responsable (level 2)`,
    );
  }
  const source = classifications.find(({ entry }) => levelOf(entry) === 1);
  const deepest = Math.max(...measured.map(({ entry }) => levelOf(entry) ?? 0));
  const lines = measured.filter(({ entry }) => (levelOf(entry) ?? 0) === deepest);
  if (programme === undefined || unitId === undefined || !supplier) return;

  const terms = reader.contractTerms(contractIndex);
  const reference = reader.reference(terms.contractId);
  for (const { entry: line, at } of lines) {
    const linePath = `${relative}.budgetClassification[${at}]`;
    // Below the unit, a line is a partida; when the unit is the deepest level, the line is the unit's programme.
    const partida = deepest > 2 ? idText(line.id) : undefined;
    if (deepest > 2 && partida === undefined) {
      reader.fail(`${linePath}.id`, 'missing_field', `${reader.at(`${linePath}.id`)} is missing`);
      continue;
    }
    const node: NodeRef = { id: budgetLineId(programme, unitId, partida), kind: 'budget_line' };
    const name = idText(line.description) ?? idText(breakdown.description);
    if (name !== undefined) node.name = name;
    node.attributes = { programa_presupuestario: programme, unidad_responsable: unitId };
    if (partida !== undefined) node.attributes.objeto_del_gasto = partida;
    const sourceId = source ? idText(source.entry.id) : undefined;
    if (sourceId !== undefined) node.attributes.fuente_financiamiento = sourceId;

    reader.list(line.measures).forEach((measure, measureIndex) => {
      const measurePath = `${linePath}.measures[${measureIndex}]`;
      if (!isJsonObject(measure)) {
        reader.fail(measurePath, 'missing_field', `${reader.at(measurePath)} is not a measure object`, measure);
        return;
      }
      const stageName = idText(measure.id);
      const stage = stageName === undefined ? undefined : parseStageName(stageName);
      if (stage === undefined) {
        reader.fail(`${measurePath}.id`, 'unknown_stage', `unknown stage ${JSON.stringify(measure.id)}`, measure.id);
      }
      const money = reader.money(measure.value, `${measurePath}.value`);
      if (!money || stage === undefined) return;
      reader.addFlow(node, supplier, money, stage, {
        item: measurePath,
        ...(reference !== undefined ? { reference } : {}),
        attributes: { path: reader.at(measurePath), ...terms },
      });
    });
  }
}

/** The contract's own suppliers (an APF extension), else the suppliers of the award it was signed under. */
function suppliersOf(
  reader: ReleaseReader,
  contract: JsonObject,
  contractPath: string,
): { list: unknown; path: string } {
  const own = { list: contract.suppliers, path: `${contractPath}.suppliers` };
  if (Array.isArray(contract.suppliers) && contract.suppliers.length > 0) return own;
  const awardId = idText(contract.awardID);
  if (awardId === undefined) return own;
  const awards = reader.list(reader.release.awards);
  const at = awards.findIndex((candidate) => isJsonObject(candidate) && idText(candidate.id) === awardId);
  return at < 0 ? own : { list: (awards[at] as JsonObject).suppliers, path: `awards[${at}].suppliers` };
}

/** The classification's level: APF writes `levelId`; its planning section writes `level`. */
function levelOf(entry: JsonObject): number | undefined {
  const level = entry.levelId ?? entry.level;
  return typeof level === 'number'
    ? level
    : typeof level === 'string' && /^\d+$/.test(level)
      ? Number(level)
      : undefined;
}
