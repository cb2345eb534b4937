// cauce's browser-safe public API. Every export is named here, so the public surface reads on one screen.
// Nothing imported from this file may reach a Node built-in; files, gzip on disk and the CLI live in `cauce/node`.

// Money
export { Decimal, MAX_AMOUNT_DIGITS } from './money/Decimal.js';
export { parseAmount, describeAmountProblem } from './money/parseAmount.js';
export type { ParseAmountOptions, ParseAmountResult } from './money/parseAmount.js';
export type { AmountProblem } from './money/scanAmount.js';
export type { AmountUnit } from './money/unit.js';
export { formatAmount } from './money/formatAmount.js';
export type { FormatAmountOptions, Lang } from './money/formatAmount.js';
export { sumAmounts } from './money/sumAmounts.js';

// Model
export { STAGES, isStage } from './model/stages.js';
export type { Stage } from './model/stages.js';
export { NODE_KINDS, isNodeKind } from './model/kinds.js';
export type { NodeKind } from './model/kinds.js';
export type {
  Balance,
  FlowAttributes,
  FlowGraph,
  FlowGraphAttributes,
  FlowNodeAttributes,
  GraphNote,
  Provenance,
} from './model/types.js';
export { createFlowGraph } from './model/createFlowGraph.js';
export type { CreateFlowGraphOptions } from './model/createFlowGraph.js';
export { addNode } from './model/addNode.js';
export type { NodeInput } from './model/addNode.js';
export { addFlow } from './model/addFlow.js';
export type { FlowInput } from './model/addFlow.js';
export { buildFlowGraph, addFlowRecords } from './model/buildFlowGraph.js';
export type { BuildFlowGraphOptions } from './model/buildFlowGraph.js';
export { flowsBetween } from './model/flowsBetween.js';
export { sumInflows } from './model/sumInflows.js';
export { sumOutflows } from './model/sumOutflows.js';
export type { StageFilter, StageTotal } from './model/StageTotal.js';
export { summarizeGraph } from './model/summarizeGraph.js';
export type { GraphSummary } from './model/summarizeGraph.js';
export { trace } from './model/trace.js';
export type { TraceHop, TraceOptions, TracePath, TraceResult } from './model/trace.js';
export { normalizeTaxId } from './model/normalizeTaxId.js';

// Ingest
export { ingestCsv } from './ingest/ingestCsv.js';
export { ingestCsvStream } from './ingest/ingestCsvStream.js';
export type { IngestProgress, IngestStreamOptions } from './ingest/ingestCsvStream.js';
export { AGGREGATE_GRAINS, type AggregateGrain } from './ingest/AggregateGrain.js';
export type { IngestOptions } from './ingest/TableIngester.js';
export type { IngestLimits } from './ingest/IngestLimits.js';
export { SKIP_RULES } from './ingest/TableIngester.js';
export type { DeclaredTotal, FlowRecord, IngestResult, NodeRef, WatchlistEntry } from './ingest/records.js';
export type { IngestCsvOptions } from './ingest/ingestCsv.js';
export type {
  AmountColumn,
  Condition,
  DateFormat,
  Mapping,
  Matcher,
  NodeLevel,
  SkipRule,
  TotalRule,
} from './ingest/mapping/Mapping.js';
export { validateMapping } from './ingest/mapping/validateMapping.js';
export type { WatchlistEntryTemplates, WatchlistMapping } from './ingest/watchlist/WatchlistMapping.js';
export { validateWatchlistMapping } from './ingest/watchlist/validateWatchlistMapping.js';
export { getPreset, PRESET_NAMES } from './ingest/presets/registry.js';
export type { Preset } from './ingest/presets/registry.js';
export { detectEncoding } from './ingest/decode/detectEncoding.js';
export type { EncodingGuess } from './ingest/decode/detectEncoding.js';
export { decodeBytes } from './ingest/decode/decodeBytes.js';
export type { DecodedText } from './ingest/decode/decodeBytes.js';
export { ENCODINGS } from './ingest/decode/encodings.js';
export type { Encoding } from './ingest/decode/encodings.js';
export type { IngestReport, RowIssue, RowIssueCode, TableFormat } from './ingest/RowIssue.js';
export { ingestOcds } from './ingest/ocds/ingestOcds.js';
export type { IngestOcdsOptions } from './ingest/ocds/ingestOcds.js';
export { OCDS_SKIP_RULES } from './ingest/ocds/ocdsRows.js';
export { mappingFromFdp } from './ingest/fdp/mappingFromFdp.js';
export type { FdpMappingOptions } from './ingest/fdp/mappingFromFdp.js';
export { ingestFdp } from './ingest/fdp/ingestFdp.js';
export type { IngestFdpOptions } from './ingest/fdp/ingestFdp.js';
export { inspectTable } from './ingest/inspect/inspectTable.js';
export type { InspectTableOptions } from './ingest/inspect/inspectTable.js';
export type {
  ColumnProfile,
  ColumnType,
  CurrencyFinding,
  LineEnds,
  NumberFormatProfile,
  PackedColumn,
  StageColumn,
  TableInspection,
  TotalRowCandidate,
  UnitHint,
} from './ingest/inspect/TableInspection.js';
export { detectDelimiter } from './ingest/detectDelimiter.js';
export type { Delimiter } from './ingest/detectDelimiter.js';

// Reconcile
export { reconcile } from './reconcile/reconcile.js';
export { CHECK_IDS } from './reconcile/types.js';
export type {
  CheckId,
  CheckResult,
  CheckStatus,
  CheckSubject,
  ReconcileOptions,
  ReconcileResult,
  ReconcileSummary,
  Tolerance,
} from './reconcile/types.js';

// Flags
export { flag } from './flags/flag.js';
export { BUILT_IN_RULES } from './flags/builtInRules.js';
export { SEVERITIES } from './flags/types.js';
export type {
  Bilingual,
  CommonRuleOptions,
  Flag,
  FlagConfig,
  FlagOptions,
  FlagResult,
  FlagRule,
  FlagSummary,
  RuleContext,
  Severity,
} from './flags/types.js';
export type { FlowIndex, IndexedFlow } from './flags/FlowIndex.js';
export { makeFlag } from './flags/makeFlag.js';
export type { FlagInput } from './flags/makeFlag.js';

// Export
export { toSankey } from './export/toSankey.js';
export type { ToSankeyOptions } from './export/toSankey.js';
export type { SankeyData, SankeyLink, SankeyNode, SankeyNodeKind, SankeyNote } from './export/SankeyData.js';
export { toPlotlySankey } from './export/toPlotlySankey.js';
export type { PlotlySankey } from './export/toPlotlySankey.js';
export { toEChartsSankey } from './export/toEChartsSankey.js';
export type { EChartsSankey } from './export/toEChartsSankey.js';
export { toGoogleSankey } from './export/toGoogleSankey.js';
export { layoutSankey } from './export/layoutSankey.js';
export type { LayoutSankeyOptions, SankeyLayout, SankeyLayoutLink, SankeyLayoutNode } from './export/layoutSankey.js';
export { renderSankeySvg, SANKEY_COLORS } from './export/renderSankeySvg.js';
export { renderReport } from './export/renderReport.js';
export type { RenderReportInput } from './export/renderReport.js';
export type { RenderSankeySvgOptions } from './export/renderSankeySvg.js';
export { toFlowsCsv } from './export/toFlowsCsv.js';
export type { ToFlowsCsvOptions } from './export/toFlowsCsv.js';
export { toGraphJson } from './export/toGraphJson.js';
export { fromGraphJson } from './export/fromGraphJson.js';
export type {
  GraphJson,
  GraphJsonBalance,
  GraphJsonDeclaredTotal,
  GraphJsonFlow,
  GraphJsonNode,
} from './export/GraphJson.js';
export { toGexf } from './export/toGexf.js';
export type { ToGexfOptions } from './export/toGexf.js';
export { toFtmEntities } from './export/toFtmEntities.js';
export type { FtmEntity, ToFtmEntitiesOptions } from './export/toFtmEntities.js';

// Errors
export { CauceError } from './errors/CauceError.js';
export { InvalidArgumentError } from './errors/InvalidArgumentError.js';
export { UnknownNodeError } from './errors/UnknownNodeError.js';
export { CurrencyMismatchError } from './errors/CurrencyMismatchError.js';
export { IngestError } from './errors/IngestError.js';
export { UnrecognizedFormatError } from './errors/UnrecognizedFormatError.js';
export { UnreadableInputError } from './errors/UnreadableInputError.js';
export { MappingError } from './errors/MappingError.js';
export { LimitExceededError } from './errors/LimitExceededError.js';
export type { LimitName } from './errors/LimitExceededError.js';
export { MissingDependencyError } from './errors/MissingDependencyError.js';

// Off the main thread
export { ingestInWorker } from './worker/ingestInWorker.js';
export type { IngestInWorkerOptions, WorkerProgress } from './worker/ingestInWorker.js';
export { serveIngest } from './worker/serveIngest.js';
export type { MessageScope, ServeIngestOptions } from './worker/serveIngest.js';
export { toCloneableResult } from './worker/toCloneableResult.js';
export { fromCloneableResult } from './worker/fromCloneableResult.js';
export type {
  CloneableIngestResult,
  CloneableFlowRecord,
  CloneableBalance,
  CloneableDeclaredTotal,
} from './worker/CloneableIngestResult.js';
export type { IngestSource, WorkerIngestOptions, WorkerRequest, WorkerReply } from './worker/messages.js';
export type { WorkerLike } from './worker/WorkerLike.js';
