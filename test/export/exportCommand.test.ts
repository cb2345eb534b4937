import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_HELP, exportCommand } from '../../src/cli/commands/export.js';
import { UsageError } from '../../src/cli/UsageError.js';
import { fromGraphJson } from '../../src/export/fromGraphJson.js';
import { ingestCsv } from '../../src/index.js';
import { FIXTURE } from '../paths.js';
import { elementsNamed, parseXml } from './parseXml.js';

// The command is tested directly with an Io that keeps what it writes; `run` reaches it once it is registered.
async function cauceExport(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await exportCommand(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const RAMO23 = [FIXTURE('mx-pef2016/ramo23_2016.csv.gz'), '--preset', 'mx-ramo23'];
// 5,300 projects x 3 levels approved, 5,176 with a paid amount x 3 paid (mx-pef2016/SOURCE.md).
const FLOWS = 31428;
const PAID_FLOWS = 5176 * 3;

describe('cauce export', () => {
  it('cauce export --format csv prints canonical flows CSV that ingestCsv reads back whole', async () => {
    const { code, stdout, stderr } = await cauceExport(...RAMO23, '--format', 'csv');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const back = ingestCsv(stdout, { file: 'stdout.csv' });
    expect(back.report).toMatchObject({ rowsRead: FLOWS, accepted: FLOWS, rejected: 0 });
  });

  it('cauce export --format json prints the graph that fromGraphJson rebuilds', async () => {
    const { code, stdout } = await cauceExport(...RAMO23, '--format', 'json');
    expect(code).toBe(0);
    const graph = fromGraphJson(stdout);
    expect(graph.size).toBe(FLOWS);
    expect(graph.getNodeAttribute('ramo:23', 'kind')).toBe('agency');
  });

  it('cauce export --format gexf --stage paid --out FILE writes the file and says so on stderr', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cauce-export-')), 'ramo23.gexf');
    const { code, stdout, stderr } = await cauceExport(...RAMO23, '--format', 'gexf', '--stage', 'paid', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const root = parseXml(readFileSync(out, 'utf8'));
    expect(elementsNamed(root, 'edge')).toHaveLength(PAID_FLOWS);
    const nodes = elementsNamed(root, 'node').length;
    expect(stderr).toBe(`wrote gexf of ${nodes} nodes and ${PAID_FLOWS} flows to ${out}\n`);
  });

  it('cauce export --format ftm prints one entity per node and one payment per flow', async () => {
    const { code, stdout } = await cauceExport(...RAMO23, '--format', 'ftm');
    expect(code).toBe(0);
    const entities = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { schema: string });
    expect(entities.filter((entity) => entity.schema === 'Payment')).toHaveLength(FLOWS);
    // Ramo 23 and its programmes are public bodies; states and municipalities have no tax id.
    expect(new Set(entities.map((entity) => entity.schema))).toEqual(new Set(['PublicBody', 'LegalEntity', 'Payment']));
  });

  it('cauce export warns on stderr when input rows were rejected, and still exports the rest', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cauce-export-')), 'pagos.csv');
    writeFileSync(file, 'from,to,amount\nSHCP,IMSS,"1,234.50"\nSHCP,ISSSTE,mil pesos\n,IMSS,3\n');
    const { code, stdout, stderr } = await cauceExport(file, '--format', 'csv', '--keep-formulas');
    expect(code).toBe(0);
    expect(stdout.split('\r\n')[1]).toMatch(/^SHCP,IMSS,1234\.5,paid,/);
    expect(stderr).toBe("cauce: 2 input rows were rejected and are not in the export; 'cauce ingest' lists them\n");
  });

  it('cauce export --help prints its usage', async () => {
    expect(await cauceExport('--help')).toEqual({ code: 0, stdout: EXPORT_HELP, stderr: '' });
  });

  it.each([
    [['x.csv'], /--format/],
    [['x.csv', '--format', 'xml'], /--format xml/],
    [['x.csv', '--format', 'csv', '--stage', 'paid'], /--stage applies/],
    [['x.csv', '--format', 'gexf', '--stage', 'spent'], /--stage spent/],
    [['x.csv', '--format', 'gexf', '--bom'], /--bom applies/],
    [['x.csv', '--format', 'ftm', '--json'], /exclude each other/],
    [['--format', 'csv'], /no input files/],
  ])('cauce export %j is a usage error', async (args, message) => {
    const error = await exportCommand(args, { out: () => {}, err: () => {} }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
  });
});
