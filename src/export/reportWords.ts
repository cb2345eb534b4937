import type { Severity } from '../flags/types.js';
import type { Stage } from '../model/stages.js';
import type { CheckId } from '../reconcile/types.js';

export interface ReportCounts {
  files: number;
  read: number;
  rejected: number;
  skipped: number;
  flags: number;
  mismatched: number;
}

/** The words of the HTML report, in each language cauce speaks. Nothing here comes from the data. */
export interface ReportWords {
  title: string;
  contents: string;
  sections: { inputs: string; totals: string; chart: string; flags: string; reconcile: string; rows: string };
  /** The opening sentence; `n` writes a count as the language groups its digits. */
  lede: (counts: ReportCounts, n: (value: number) => string) => string;
  inputs: {
    file: string;
    format: string;
    encoding: string;
    detected: string;
    given: string;
    mixed: string;
    read: string;
    accepted: string;
    rejected: string;
    skipped: string;
    byRule: string;
    mapping: string;
    none: string;
  };
  totals: { intro: string; stage: string; currency: string; amount: string; flows: string; none: string };
  chart: {
    caption: (stage: string, currency: string, amount: string) => string;
    notes: string;
    none: string;
    notesByCode: Record<string, string>;
  };
  flags: {
    summary: (total: number, n: (value: number) => string, bySeverity: string, atStake: string) => string;
    severity: string;
    rule: string;
    amount: string;
    what: string;
    where: string;
    none: string;
    sortHint: string;
  };
  reconcile: {
    summary: (checked: number, mismatched: number, notCheckable: number, n: (value: number) => string) => string;
    check: string;
    checked: string;
    mismatched: string;
    notCheckable: string;
    mismatches: string;
    notCheckableList: string;
    subject: string;
    expected: string;
    actual: string;
    difference: string;
    why: string;
    where: string;
    expectedFrom: string;
    actualFrom: string;
    none: string;
    vs: string;
    checks: Record<CheckId, string>;
  };
  rows: {
    rejected: string;
    skipped: string;
    file: string;
    row: string;
    column: string;
    value: string;
    code: string;
    reason: string;
    rule: string;
    count: string;
    noneRejected: string;
    noneSkipped: string;
    skippedNote: string;
  };
  notShown: (count: string) => string;
  provenance: string;
  moreSources: (count: string) => string;
  stages: Record<Stage, string>;
  severities: Record<Severity, string>;
  footer: string;
}

export const REPORT_WORDS: Record<'es' | 'en', ReportWords> = {
  es: {
    title: 'Informe de cauce',
    contents: 'Contenido',
    sections: {
      inputs: 'Archivos leídos',
      totals: 'Dinero que entra, por momento',
      chart: 'A dónde va el dinero',
      flags: 'Alertas',
      reconcile: 'Conciliación',
      rows: 'Filas rechazadas y omitidas',
    },
    lede: (c, n) =>
      `${n(c.read)} ${c.read === 1 ? 'fila leída' : 'filas leídas'} de ${n(c.files)} ` +
      `${c.files === 1 ? 'archivo' : 'archivos'}: ${n(c.rejected)} ${c.rejected === 1 ? 'rechazada' : 'rechazadas'} ` +
      `y ${n(c.skipped)} ${c.skipped === 1 ? 'omitida' : 'omitidas'}, cada una con su motivo. ` +
      `${n(c.flags)} ${c.flags === 1 ? 'alerta' : 'alertas'}; ${n(c.mismatched)} ` +
      `${c.mismatched === 1 ? 'comprobación no cuadra' : 'comprobaciones no cuadran'}.`,
    inputs: {
      file: 'Archivo',
      format: 'Formato',
      encoding: 'Codificación',
      detected: 'detectada',
      given: 'indicada',
      mixed: 'bytes mezclados leídos como windows-1252',
      read: 'Leídas',
      accepted: 'Aceptadas',
      rejected: 'Rechazadas',
      skipped: 'Omitidas',
      byRule: 'por regla',
      mapping: 'Mapeo',
      none: 'ninguno',
    },
    totals: {
      intro:
        'Los flujos que salen de nodos que no reciben nada en ese momento y moneda: el total de arriba de cada cadena, contado una vez.',
      stage: 'Momento',
      currency: 'Moneda',
      amount: 'Monto',
      flows: 'Flujos',
      none: 'Los archivos no tienen flujos.',
    },
    chart: {
      caption: (stage, currency, amount) => `Dinero que entra al diagrama (${stage}, ${currency}): ${amount}`,
      notes: 'Lo que el diagrama cambió para poder dibujarse',
      none: 'El diagrama muestra los flujos tal como son.',
      notesByCode: {
        'cycle-broken': 'flujos que cierran un ciclo, omitidos',
        'zero-dropped': 'flujos con total cero, omitidos',
        'negative-dropped': 'flujos con total negativo, omitidos',
        'lone-node-dropped': 'nodos sin flujos que dibujar',
        folded: 'columnas con nodos pequeños agrupados en «Otros»',
        retained: 'nodos que recibieron más de lo que pagaron',
        unexplained: 'nodos que pagaron más de lo que recibieron',
        'other-currency-left-out': 'monedas distintas a la del diagrama, omitidas',
      },
    },
    flags: {
      summary: (total, n, bySeverity, atStake) =>
        `${n(total)} ${total === 1 ? 'alerta' : 'alertas'} (${bySeverity})${atStake ? `; monto en juego: ${atStake}` : ''}.`,
      severity: 'Gravedad',
      rule: 'Regla',
      amount: 'Monto en juego',
      what: 'Qué',
      where: 'De dónde',
      none: 'Ninguna regla encontró algo que señalar.',
      sortHint:
        'Ordenadas por gravedad y luego por monto; los encabezados Gravedad y Monto en juego reordenan la tabla.',
    },
    reconcile: {
      summary: (checked, mismatched, notCheckable, n) =>
        `${n(checked)} ${checked === 1 ? 'comprobación' : 'comprobaciones'}: ${n(mismatched)} no ` +
        `${mismatched === 1 ? 'cuadra' : 'cuadran'}; ${n(notCheckable)} no se ${notCheckable === 1 ? 'pudo' : 'pudieron'} comprobar.`,
      check: 'Comprobación',
      checked: 'Comprobadas',
      mismatched: 'No cuadran',
      notCheckable: 'No comprobables',
      mismatches: 'Lo que no cuadra, la mayor diferencia primero',
      notCheckableList: 'Lo que no se pudo comprobar',
      subject: 'Qué',
      expected: 'Esperado',
      actual: 'Real',
      difference: 'Diferencia',
      why: 'Por qué',
      where: 'De dónde',
      expectedFrom: 'esperado',
      actualFrom: 'real',
      none: 'Todo lo comprobado cuadra.',
      vs: 'contra',
      checks: {
        'declared-total': 'Totales declarados',
        hierarchy: 'Jerarquía',
        conservation: 'Conservación',
        'stage-order': 'Orden de los momentos',
        'trust-balance': 'Saldos de fideicomisos',
        'allocation-vs-payments': 'Asignado contra pagado',
      },
    },
    rows: {
      rejected: 'Filas rechazadas',
      skipped: 'Filas omitidas, por regla',
      file: 'Archivo',
      row: 'Fila',
      column: 'Columna',
      value: 'Valor',
      code: 'Código',
      reason: 'Motivo',
      rule: 'Regla',
      count: 'Filas',
      noneRejected: 'Ninguna fila fue rechazada.',
      noneSkipped: 'Ninguna fila fue omitida.',
      skippedNote: 'Las filas omitidas no llevan dinero (filas vacías, títulos sobre el encabezado).',
    },
    notShown: (count) => `${count} más no se muestran.`,
    provenance:
      'Cada cifra lleva el archivo y las filas de donde sale (archivo:fila), numeradas como en una hoja de cálculo: el encabezado es la fila 1.',
    moreSources: (count) => `y ${count} más`,
    stages: {
      approved: 'aprobado',
      modified: 'modificado',
      committed: 'comprometido',
      accrued: 'devengado',
      exercised: 'ejercido',
      paid: 'pagado',
    },
    severities: { info: 'informativa', low: 'baja', medium: 'media', high: 'alta' },
    footer: 'Hecho con cauce. Los montos son exactos; nada se redondeó al sumar.',
  },
  en: {
    title: 'cauce report',
    contents: 'Contents',
    sections: {
      inputs: 'Files read',
      totals: 'Money entering, by stage',
      chart: 'Where the money goes',
      flags: 'Flags',
      reconcile: 'Reconciliation',
      rows: 'Rejected and skipped rows',
    },
    lede: (c, n) =>
      `${n(c.read)} ${c.read === 1 ? 'row' : 'rows'} read from ${n(c.files)} ${c.files === 1 ? 'file' : 'files'}: ` +
      `${n(c.rejected)} rejected and ${n(c.skipped)} skipped, each with its reason. ` +
      `${n(c.flags)} ${c.flags === 1 ? 'flag' : 'flags'}; ${n(c.mismatched)} ` +
      `${c.mismatched === 1 ? 'check does' : 'checks do'} not add up.`,
    inputs: {
      file: 'File',
      format: 'Format',
      encoding: 'Encoding',
      detected: 'detected',
      given: 'given',
      mixed: 'mixed bytes read as windows-1252',
      read: 'Read',
      accepted: 'Accepted',
      rejected: 'Rejected',
      skipped: 'Skipped',
      byRule: 'by rule',
      mapping: 'Mapping',
      none: 'none',
    },
    totals: {
      intro: 'Flows out of nodes that receive nothing at that stage and currency: the top of each chain, counted once.',
      stage: 'Stage',
      currency: 'Currency',
      amount: 'Amount',
      flows: 'Flows',
      none: 'The files hold no flows.',
    },
    chart: {
      caption: (stage, currency, amount) => `Money entering the chart (${stage}, ${currency}): ${amount}`,
      notes: 'What the chart changed to be drawn',
      none: 'The chart shows the flows as they are.',
      notesByCode: {
        'cycle-broken': 'flows closing a loop, left out',
        'zero-dropped': 'flows with a total of zero, left out',
        'negative-dropped': 'flows with a negative total, left out',
        'lone-node-dropped': 'nodes with no flow left to draw',
        folded: 'columns whose small nodes were folded into "Other"',
        retained: 'nodes that received more than they paid out',
        unexplained: 'nodes that paid out more than they received',
        'other-currency-left-out': "currencies other than the chart's, left out",
      },
    },
    flags: {
      summary: (total, n, bySeverity, atStake) =>
        `${n(total)} ${total === 1 ? 'flag' : 'flags'} (${bySeverity})${atStake ? `; at stake: ${atStake}` : ''}.`,
      severity: 'Severity',
      rule: 'Rule',
      amount: 'At stake',
      what: 'What',
      where: 'From',
      none: 'No rule found anything to flag.',
      sortHint: 'Most severe first, then largest amount; the Severity and At stake headers re-sort the table.',
    },
    reconcile: {
      summary: (checked, mismatched, notCheckable, n) =>
        `${n(checked)} ${checked === 1 ? 'check' : 'checks'}: ${n(mismatched)} mismatched; ${n(notCheckable)} not checkable.`,
      check: 'Check',
      checked: 'Checked',
      mismatched: 'Mismatched',
      notCheckable: 'Not checkable',
      mismatches: 'Mismatches, largest difference first',
      notCheckableList: 'What could not be checked',
      subject: 'What',
      expected: 'Expected',
      actual: 'Actual',
      difference: 'Difference',
      why: 'Why',
      where: 'From',
      expectedFrom: 'expected',
      actualFrom: 'actual',
      none: 'Everything checked adds up.',
      vs: 'vs',
      checks: {
        'declared-total': 'Declared totals',
        hierarchy: 'Hierarchy',
        conservation: 'Conservation',
        'stage-order': 'Stage order',
        'trust-balance': 'Trust balances',
        'allocation-vs-payments': 'Allotted vs paid',
      },
    },
    rows: {
      rejected: 'Rejected rows',
      skipped: 'Skipped rows, by rule',
      file: 'File',
      row: 'Row',
      column: 'Column',
      value: 'Value',
      code: 'Code',
      reason: 'Reason',
      rule: 'Rule',
      count: 'Rows',
      noneRejected: 'No row was rejected.',
      noneSkipped: 'No row was skipped.',
      skippedNote: 'Skipped rows carry no money (blank rows, titles above the header).',
    },
    notShown: (count) => `${count} more not shown.`,
    provenance:
      'Every figure names the file and rows it comes from (file:row), numbered as a spreadsheet shows them: the header is row 1.',
    moreSources: (count) => `and ${count} more`,
    stages: {
      approved: 'approved',
      modified: 'modified',
      committed: 'committed',
      accrued: 'accrued',
      exercised: 'exercised',
      paid: 'paid',
    },
    severities: { info: 'info', low: 'low', medium: 'medium', high: 'high' },
    footer: 'Made with cauce. Amounts are exact: nothing was rounded in a sum.',
  },
};
