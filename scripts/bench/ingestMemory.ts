// Streams a large generated flows table (never stored) through ingestCsvStream, adding up flows as it reads, and
// prints the heap as it goes: it should stay flat, bounded by distinct flows (500 here), not by rows.
import { ingestCsvStream } from '../../src/index.js';

export async function benchIngestMemory(rows = 10_000_000): Promise<Array<Record<string, string | number>>> {
  const encoder = new TextEncoder();
  const samples: Array<Record<string, string | number>> = [];
  let row = 0;
  let bytes = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (row === 0) controller.enqueue(encoder.encode('from,to,amount,stage\n'));
      const lines: string[] = [];
      for (let i = 0; i < 5000 && row < rows; i++, row++)
        lines.push(`sep,proveedor-${row % 500},${row % 1000}.25,paid`);
      if (lines.length === 0) {
        controller.close();
        return;
      }
      const chunk = encoder.encode(lines.join('\n') + '\n');
      bytes += chunk.length;
      controller.enqueue(chunk);
      if (row % (rows / 5) === 0) {
        samples.push({
          rows: row,
          'MB read': Math.round(bytes / 1e6),
          'heap MB': Math.round(process.memoryUsage().heapUsed / 1e6),
        });
      }
    },
  });
  const start = performance.now();
  const result = await ingestCsvStream(stream, { aggregate: true });
  samples.push({
    rows: result.report.rowsRead,
    'MB read': Math.round(bytes / 1e6),
    'heap MB': Math.round(process.memoryUsage().heapUsed / 1e6),
    'peak RSS MB': Math.round(process.resourceUsage().maxRSS / 1e3),
    flows: result.flows.length,
    seconds: Number(((performance.now() - start) / 1000).toFixed(1)),
  });
  return samples;
}
