import {
  addFlow,
  addNode,
  type Balance,
  createFlowGraph,
  Decimal,
  type FlowGraph,
  type FlowInput,
  type NodeInput,
  type NodeKind,
  type Provenance,
  type WatchlistEntry,
} from '../../src/index.js';

/** An anomaly put into the data on purpose: the rule that must find it and the nodes its flag must name. */
export interface PlantedAnomaly {
  rule: string;
  /**
   * The nodes the flag must name. A flag matches when it names every one of them and its first node (the node the
   * flag is about: the payer, the payee, the body, or where a cycle starts) is one of them.
   */
  nodes: string[];
  /** What was planted, for a reader of a failing test. */
  why: string;
}

export interface InvestigationDataset {
  graph: FlowGraph;
  watchlist: WatchlistEntry[];
  planted: PlantedAnomaly[];
}

export interface InvestigationDatasetOptions {
  /** The seed of the generator: the same seed always gives the same dataset. */
  seed?: number;
  /** false builds the clean background alone, with no anomaly: every rule should then stay quiet. Default true. */
  plant?: boolean;
}

const YEAR = 2023;
const PERIOD = String(YEAR);
const DAYS = 365;
/** The last day of November, as a day of the year counted from 0: December starts the next day. */
const DECEMBER = 334;

/**
 * Builds a year of a federal budget as an investigator would receive it, with anomalies planted among plenty of
 * clean flows: agencies (ramos) allot approved and modified budgets to programmes; programmes pay suppliers (with
 * RFC-like tax ids, some people without one), universities acting as intermediaries, and trusts; intermediaries pay
 * subcontractors; trusts report balances; a SAT 69-B style watchlist lists companies. `planted` says, for each
 * anomaly, which rule must flag it and which nodes the flag must name.
 *
 * The background is clean by construction, not by luck, so that every flag it raises is a false one:
 * - Programmes with 300 or more payments (the only ones Benford's test looks at) draw their amounts log-uniformly
 *   over a whole decade along a low-discrepancy sequence (golden-ratio steps), whose first digits follow Benford's
 *   law within a fraction of a percent (deviation under 0.004). Independent random draws would stray by chance: at
 *   320 truly Benford-distributed payments the mean absolute deviation averages about 0.013, and exceeds the 0.015
 *   threshold for about one payer in three (a simulation of 20,000 payers).
 * - Amounts carry cents and are redrawn when they repeat one already used or are an exact multiple of 100,000, so no
 *   payment is duplicated or round by accident.
 * - Payment dates are spread evenly over the year (one slot per payment), so no December spike; payees are served in
 *   turn, so each gets the same number of payments (no concentration) and any three payments to one payee span more
 *   than 30 days (no split-payment cluster). The generator checks the last property and throws if it fails.
 * - Budgets are set from what was paid: modified = paid / (0.85 to 0.97), approved within 4% of modified; a transfer
 *   between two programmes leaves their agency's total unchanged.
 * - Intermediaries keep at least 55% of what they receive (or pass it to a single company); trusts pay fewer than ten
 *   payments; money never comes back up the chain; payees without a tax id receive under 500,000.
 *
 * @example
 * const { graph, watchlist, planted } = investigationDataset({ seed: 2023 });
 * planted.length // 30, two per built-in rule
 * flag(graph, { watchlist }).flags.length // 31: a company paid before and after it was listed gives two flags
 */
export function investigationDataset(options: InvestigationDatasetOptions = {}): InvestigationDataset {
  const b = new Builder(new Random(options.seed ?? 2023), options.plant ?? true);
  const programmes = budgetStructure(b);
  const host = (name: string) => programmes.find((one) => one.name === name)!.id;
  for (const programme of programmes) payProgramme(b, programme);
  cleanExtras(b, host);
  if (b.plant) plantedExtras(b, host);
  for (const programme of programmes) allot(b, programme, programmes);
  cleanWatchlist(b);
  return b.build();
}

/** mulberry32: a small seeded generator, so that the dataset is the same on every machine and every run. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  int(low: number, high: number): number {
    return low + Math.floor((high - low + 1) * this.next());
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(list.length * this.next())]!;
  }

  shuffle<T>(list: T[]): T[] {
    for (let at = list.length - 1; at > 0; at--) {
      const other = Math.floor((at + 1) * this.next());
      [list[at], list[other]] = [list[other]!, list[at]!];
    }
    return list;
  }
}

/** A programme and how its year goes. */
interface Programme {
  id: string;
  name: string;
  agency: string;
  role: Role;
  /** What it paid as a share of its modified budget. */
  execution: string;
  /** modified / approved - 1. */
  change: string;
  /** The programme whose budget was cut to raise this one's (budget-shift). */
  transferFrom?: Programme;
  /** Its payees, in the order they are served. */
  payees: string[];
}

type Role =
  | 'big'
  | 'mid'
  | 'benford-uniform'
  | 'benford-narrow'
  | 'overspend'
  | 'underspend'
  | 'shift-cut'
  | 'shift-raise'
  | 'concentration'
  | 'round'
  | 'year-end';

/** Collects nodes, flows, balances and listings, then builds the graph through the model's own functions. */
class Builder {
  readonly nodes: NodeInput[] = [];
  readonly flows: FlowInput[] = [];
  readonly balances: Balance[] = [];
  readonly planted: PlantedAnomaly[] = [];
  readonly watchlist: WatchlistEntry[] = [];
  private readonly taxIds = new Set<string>();
  /** Cents of every amount drawn, so that no two payments share one by accident. */
  private readonly cents = new Set<number>();
  private readonly rows = new Map<string, number>();
  private readonly serials = new Map<string, number>();

  constructor(
    readonly random: Random,
    readonly plant: boolean,
  ) {}

  /** The next number in a series (of node ids, of contract references). */
  serial(series: string): number {
    const serial = (this.serials.get(series) ?? 0) + 1;
    this.serials.set(series, serial);
    return serial;
  }

  node(kind: NodeKind, prefix: string, name: string, taxId?: string): string {
    const id = `${prefix}:${String(this.serial(prefix)).padStart(4, '0')}`;
    this.nodes.push({ id, kind, name, ...(taxId === undefined ? {} : { taxId }) });
    return id;
  }

  supplier(withTaxId = true): string {
    if (!withTaxId) return this.node('recipient', 'sup', personName(this.random));
    return this.node('recipient', 'sup', companyName(this.random), this.rfc());
  }

  /** Takes a node's tax id away (a supplier the data name without one). */
  dropTaxId(id: string): void {
    delete this.nodes.find((node) => node.id === id)!.taxId;
  }

  /** A unique RFC-like tax id: three letters (four for a person), a date of birth or incorporation, a homoclave. */
  rfc(person = false): string {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const homoclave = 'ABCDEFGHIJKLMNPQRSTUVWXYZ123456789';
    const two = (value: number) => String(value).padStart(2, '0');
    for (;;) {
      let text = '';
      for (let at = 0; at < (person ? 4 : 3); at++) text += this.random.pick([...letters]);
      text += two(this.random.int(60, 99)) + two(this.random.int(1, 12)) + two(this.random.int(1, 28));
      text += this.random.pick([...homoclave]) + this.random.pick([...homoclave]) + this.random.int(0, 9);
      if (!this.taxIds.has(text)) {
        this.taxIds.add(text);
        return text;
      }
    }
  }

  /**
   * An amount drawn by `draw` (in pesos), to the cent, redrawn while it repeats an amount already drawn or is an exact
   * multiple of 100,000: accidents the clean background must not have.
   */
  amount(draw: () => number): Decimal {
    for (;;) {
      const cents = Math.round(draw() * 100);
      if (cents <= 0 || cents % 10_000_000 === 0 || this.cents.has(cents)) continue;
      this.cents.add(cents);
      return new Decimal(cents).dividedBy(100);
    }
  }

  provenance(file: string): Provenance[] {
    const row = (this.rows.get(file) ?? 1) + 1;
    this.rows.set(file, row);
    return [{ file, firstRow: row, lastRow: row, rows: 1 }];
  }

  pay(from: string, to: string, amount: Decimal, day: number, extra: Partial<FlowInput> = {}): FlowInput {
    const flow: FlowInput = {
      from,
      to,
      amount,
      stage: 'paid',
      date: dateOf(day),
      provenance: this.provenance(`pagos-${YEAR}.csv`),
      ...extra,
    };
    this.flows.push(flow);
    return flow;
  }

  /** What a node paid so far, exactly. */
  paidBy(node: string): Decimal {
    let total = new Decimal(0);
    for (const flow of this.flows) if (flow.from === node && flow.stage === 'paid') total = total.plus(flow.amount);
    return total;
  }

  receivedBy(node: string): Decimal {
    let total = new Decimal(0);
    for (const flow of this.flows) if (flow.to === node && flow.stage === 'paid') total = total.plus(flow.amount);
    return total;
  }

  record(rule: string, nodes: string[], why: string): void {
    this.planted.push({ rule, nodes, why });
  }

  build(): InvestigationDataset {
    const graph = createFlowGraph({ defaultCurrency: 'MXN' });
    for (const node of this.nodes) addNode(graph, node);
    for (const flow of this.flows) addFlow(graph, flow);
    for (const balance of this.balances) graph.getNodeAttribute(balance.node, 'balances').push(balance);
    return { graph, watchlist: this.watchlist, planted: this.planted };
  }
}

/** A day of the year (0 is 1 January) as a YYYY-MM-DD date. */
function dateOf(day: number, year = YEAR): string {
  return new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
}

/** `count` days in [first, end), one in each equal slot: evenly spread, sorted, with no month favoured. */
function spreadDays(random: Random, count: number, first: number, end: number): number[] {
  const width = (end - first) / count;
  return Array.from({ length: count }, (_, at) => first + Math.floor((at + random.next()) * width));
}

/** The agencies, their programmes, and the part each programme plays. */
function budgetStructure(b: Builder): Programme[] {
  const agencies: Array<[string, string, Array<[string, Role]>]> = [
    [
      '08',
      'Agricultura y Desarrollo Rural',
      [
        ['S290 Precios de Garantía a Productos Alimentarios Básicos', 'big'],
        ['S292 Fertilizantes', 'mid'],
        ['S304 Producción para el Bienestar', 'overspend'],
        ['E006 Sanidad e Inocuidad Agroalimentaria', 'round'],
        ['U024 Desarrollo Rural', 'mid'],
      ],
    ],
    [
      '09',
      'Infraestructura, Comunicaciones y Transportes',
      [
        ['K003 Proyectos de Construcción de Carreteras', 'big'],
        ['E018 Conservación de Carreteras', 'mid'],
        ['K031 Proyectos de Infraestructura Ferroviaria', 'overspend'],
        ['K040 Proyectos de Infraestructura Aeroportuaria', 'year-end'],
        ['G002 Supervisión de Obras', 'mid'],
      ],
    ],
    [
      '11',
      'Educación Pública',
      [
        ['S072 Becas para el Bienestar Benito Juárez', 'benford-uniform'],
        ['S247 Desarrollo Profesional Docente', 'shift-cut'],
        ['E047 Infraestructura Educativa', 'shift-raise'],
        ['U006 Subsidios para Organismos Descentralizados Estatales', 'mid'],
        ['E010 Servicios de Educación Superior', 'mid'],
      ],
    ],
    [
      '12',
      'Salud',
      [
        ['E023 Atención a la Salud', 'big'],
        ['U013 Atención a la Salud y Medicamentos Gratuitos', 'benford-narrow'],
        ['E036 Vacunación', 'underspend'],
        ['S200 Fortalecimiento a la Atención Médica', 'concentration'],
        ['P018 Prevención y Control de Enfermedades', 'mid'],
      ],
    ],
    [
      '20',
      'Bienestar',
      [
        ['S287 Sembrando Vida', 'mid'],
        ['S286 Pensión para Personas con Discapacidad', 'underspend'],
        ['E003 Servicios a Grupos con Necesidades Especiales', 'concentration'],
        ['S176 Pensión para Adultos Mayores', 'round'],
        ['U010 Fondo de Aportaciones para el Bienestar', 'year-end'],
        ['S285 Jóvenes Construyendo el Futuro', 'mid'],
      ],
    ],
  ];
  const programmes: Programme[] = [];
  for (const [ramo, agencyName, list] of agencies) {
    const agency = `ramo:${ramo}`;
    b.nodes.push({ id: agency, kind: 'agency', name: agencyName });
    for (const [name, planned] of list) {
      // Without anomalies, a programme that would carry one is an ordinary one of its size.
      const role: Role = b.plant ? planned : planned.startsWith('benford') || planned === 'big' ? 'big' : 'mid';
      const id = `pp:${ramo}-${name.slice(0, 4)}`;
      b.nodes.push({ id, kind: 'programme', name: name.slice(5) });
      programmes.push({
        id,
        name,
        agency,
        role,
        execution: b.random.between(0.85, 0.97).toFixed(4),
        change: b.random.between(-0.04, 0.04).toFixed(4),
        payees: [],
      });
    }
  }
  return programmes;
}

/** A programme's payments to its own suppliers, as its role has them. */
function payProgramme(b: Builder, programme: Programme): void {
  const { random } = b;
  const big = ['big', 'benford-uniform', 'benford-narrow'].includes(programme.role);
  const count = big ? 320 : 40;
  programme.payees = Array.from({ length: big ? 45 : 20 }, () => b.supplier());

  let amounts: Decimal[];
  if (programme.role === 'benford-uniform') {
    // Invented invoices: every first digit equally likely, as people who make figures up write them.
    amounts = Array.from({ length: count }, () => b.amount(() => random.between(10_000, 100_000)));
    b.record(
      'benford',
      [programme.id],
      'first digits uniform over 1-9 (amounts drawn linearly from 10,000 to 100,000)',
    );
  } else if (programme.role === 'benford-narrow') {
    amounts = Array.from({ length: count }, () => b.amount(() => random.between(40_000, 70_000)));
    b.record('benford', [programme.id], 'every amount between 40,000 and 70,000: first digits 4, 5 and 6 only');
  } else if (big) {
    // Log-uniform over one decade gives Benford's first digits; golden-ratio steps spread the draws evenly.
    const offset = random.next();
    let step = 0;
    amounts = Array.from({ length: count }, () =>
      b.amount(() => 10 ** (4 + ((offset + step++ * 0.6180339887498949) % 1))),
    );
  } else {
    amounts = Array.from({ length: count }, () => b.amount(() => 10 ** random.between(5, 6)));
  }

  if (programme.role === 'round') {
    // Agreed lump sums: some payments are exact multiples of 100,000, all different so none looks paid twice.
    const rounds = programme.name.startsWith('E006') ? 14 : 12;
    const multiples = random.shuffle(Array.from({ length: 15 }, (_, at) => at + 1)).slice(0, rounds);
    multiples.forEach((multiple, at) => (amounts[at] = new Decimal(multiple).times(100_000)));
    b.record('round-amount', [programme.id], `${rounds} of ${count} payments are exact multiples of 100,000`);
  }

  const days =
    programme.role === 'year-end'
      ? [...spreadDays(random, 24, 0, DECEMBER), ...spreadDays(random, 16, DECEMBER, DAYS)]
      : spreadDays(random, count, 0, DAYS);
  if (programme.role === 'year-end')
    b.record('year-end-spike', [programme.id], '16 of its 40 payments fall in December');

  const byPayee = inTurn(b, programme.id, programme.payees, random.shuffle(amounts), days);
  // Mid-sized programmes pay under contracts, whose value covers what was paid.
  if (!big) for (const [payee, flows] of byPayee) contract(b, programme.id, payee, flows);
  // A few small suppliers are people the data name without an RFC; they received too little to matter.
  if (programme.role === 'big') {
    const totals = [...byPayee].map(([payee, flows]) => ({ payee, total: sum(flows) }));
    totals.sort((x, y) => x.total.comparedTo(y.total));
    for (const { payee, total } of totals.slice(0, 2)) {
      if (!total.lessThan(400_000)) throw new Error(`generator: ${payee} received ${total.toFixed()}`);
      b.dropTaxId(payee);
    }
  }

  switch (programme.role) {
    case 'overspend':
      programme.execution = programme.name.startsWith('S304') ? '1.08' : '1.15';
      b.record('overspend', [programme.id], `paid ${programme.execution} times its modified budget`);
      break;
    case 'underspend':
      programme.execution = programme.name.startsWith('E036') ? '0.55' : '0.72';
      b.record('underspend', [programme.id], `paid only ${programme.execution} of its modified budget`);
      break;
    case 'shift-cut':
      programme.change = '-0.3';
      b.record('budget-shift', [programme.id], 'modified budget 30% below approved: money moved to E047');
      break;
    case 'shift-raise':
      b.record('budget-shift', [programme.id], 'modified budget raised by what S247 lost');
      break;
    case 'concentration': {
      // One favoured supplier paid far more than the others, its payments spread over the year.
      const favoured = b.supplier();
      const [payments, low, high] = programme.name.startsWith('S200') ? [8, 1.5e6, 2.5e6] : [5, 0.9e6, 1.3e6];
      const extra = Array.from({ length: payments }, () => b.amount(() => random.between(low, high)));
      inTurn(b, programme.id, [favoured], extra, spreadDays(random, payments, 0, DAYS));
      b.record('concentration', [programme.id, favoured], `${payments} large payments to one supplier`);
      break;
    }
  }
}

/**
 * Pays each amount on its day, serving the payees in turn (in date order), and returns each payee's flows. Serving in
 * turn gives every payee the same number of payments, evenly apart; the check makes sure that no three payments to
 * one payee fall within 30 days, which would be a split-payment cluster.
 */
function inTurn(
  b: Builder,
  payer: string,
  payees: string[],
  amounts: Decimal[],
  days: number[],
): Map<string, FlowInput[]> {
  const byPayee = new Map<string, FlowInput[]>();
  amounts.forEach((amount, at) => {
    const payee = payees[at % payees.length]!;
    const flow = b.pay(payer, payee, amount, days[at]!);
    byPayee.set(payee, [...(byPayee.get(payee) ?? []), flow]);
  });
  for (const [payee, flows] of byPayee) {
    for (let at = 0; at + 2 < flows.length; at++) {
      if (daysBetween(flows[at]!.date!, flows[at + 2]!.date!) <= 30)
        throw new Error(`generator: three payments from ${payer} to ${payee} within 30 days`);
    }
  }
  return byPayee;
}

function daysBetween(first: string, last: string): number {
  return (Date.parse(last) - Date.parse(first)) / 86_400_000;
}

function sum(flows: FlowInput[]): Decimal {
  let total = new Decimal(0);
  for (const flow of flows) total = total.plus(flow.amount);
  return total;
}

/**
 * Puts a payer's flows to a payee under one contract. Its value is stated on the payments (with VAT, as the OCDS
 * reader writes it) or given by a committed flow; it is `factor` times what was paid, by default 2% to 15% more.
 */
function contract(
  b: Builder,
  payer: string,
  payee: string,
  flows: FlowInput[],
  options: { factor?: string; stated?: boolean } = {},
): string {
  const reference = `CT-${YEAR}-${String(b.serial('CT')).padStart(5, '0')}`;
  const factor = options.factor ?? (1 + b.random.between(0.02, 0.15)).toFixed(4);
  const worth = sum(flows).times(factor).toDecimalPlaces(2, Decimal.ROUND_UP);
  const stated = options.stated ?? b.random.next() < 0.5;
  for (const flow of flows) {
    flow.reference = reference;
    if (stated) flow.attributes = { contractValueWithTax: worth.toFixed(2) };
  }
  if (!stated) {
    b.flows.push({
      from: payer,
      to: payee,
      amount: worth,
      stage: 'committed',
      reference,
      provenance: b.provenance(`contratos-${YEAR}.csv`),
    });
  }
  return reference;
}

/** A university or public body hired under an agreement; it passes `share` of what it receives to subcontractors. */
function intermediary(
  b: Builder,
  host: string,
  options: { share: string; subcontractors: number; taxId?: boolean; withoutTaxId?: number },
): string {
  const { random } = b;
  const name = random.pick(UNIVERSITIES);
  const id = b.node('intermediary', 'int', name, options.taxId === false ? undefined : b.rfc());
  // Two instalments, each a few percent of the host's payments: the host's spending stays spread.
  const base = b.paidBy(host).toNumber();
  b.pay(
    host,
    id,
    b.amount(() => base * random.between(0.035, 0.05)),
    random.int(30, 79),
  );
  b.pay(
    host,
    id,
    b.amount(() => base * random.between(0.035, 0.05)),
    random.int(150, 199),
  );
  if (options.subcontractors > 0) {
    const onward = b.receivedBy(id).times(options.share).toDecimalPlaces(2);
    const subcontractors = Array.from({ length: options.subcontractors }, (_, at) =>
      b.supplier(at >= (options.withoutTaxId ?? 0)),
    );
    split(b, onward, subcontractors.length).forEach((amount, at) =>
      b.pay(id, subcontractors[at]!, amount, random.int(90, 299)),
    );
  }
  return id;
}

/** An exact amount split into `parts` uneven parts that add up to it. */
function split(b: Builder, total: Decimal, parts: number): Decimal[] {
  const weights = Array.from({ length: parts }, () => b.random.between(0.6, 1.4));
  const all = weights.reduce((x, y) => x + y, 0);
  const amounts = weights.slice(0, -1).map((weight) => total.times((weight / all).toFixed(6)).toDecimalPlaces(2));
  amounts.push(total.minus(amounts.reduce((x, y) => x.plus(y), new Decimal(0))));
  return amounts;
}

/**
 * A trust fed by a programme, with its balance report for the year: it spent `share` of what it had, stated in the
 * report (expenses) or, without that figure, as payments to suppliers (fewer than ten).
 */
function trust(
  b: Builder,
  host: string,
  options: { name: string; opening: string; yield: string; share: string; payments?: number; income?: number },
): string {
  const { random } = b;
  const id = b.node('trust', 'fid', options.name, b.rfc());
  const base = b.paidBy(host).toNumber();
  const income = b.amount(() => options.income ?? base * random.between(0.03, 0.045));
  b.pay(host, id, income, random.int(40, 89));
  const opening = new Decimal(options.opening);
  const gains = new Decimal(options.yield);
  const available = opening.plus(income).plus(gains);
  const spent = available.times(options.share).toDecimalPlaces(2);
  if (options.payments !== undefined) {
    const payees = Array.from({ length: options.payments }, () => b.supplier());
    split(b, spent, payees.length).forEach((amount, at) => b.pay(id, payees[at]!, amount, random.int(100, 329)));
  }
  b.balances.push({
    node: id,
    period: PERIOD,
    opening,
    income,
    yield: gains,
    ...(options.payments === undefined ? { expenses: spent } : {}),
    closing: available.minus(spent),
    currency: 'MXN',
    provenance: b.provenance(`fideicomisos-${YEAR}.csv`)[0]!,
  });
  return id;
}

/** Clean intermediaries and trusts: bodies that could look suspicious and are not. */
function cleanExtras(b: Builder, host: (name: string) => string): void {
  const { random } = b;
  intermediary(b, host('S292 Fertilizantes'), { share: '0.30', subcontractors: 3, withoutTaxId: 1 });
  intermediary(b, host('U024 Desarrollo Rural'), { share: '0.45', subcontractors: 2 });
  intermediary(b, host('E018 Conservación de Carreteras'), { share: '0.20', subcontractors: 4 });
  // One subcontractor paid more than half: under the rule, one third party is ordinary subcontracting.
  intermediary(b, host('G002 Supervisión de Obras'), { share: '0.70', subcontractors: 1 });
  trust(b, host('U006 Subsidios para Organismos Descentralizados Estatales'), {
    name: 'Fideicomiso del Fondo de Infraestructura Educativa',
    opening: '25000000.00',
    yield: '1150000.00',
    share: '0.45',
  });
  trust(b, host('P018 Prevención y Control de Enfermedades'), {
    name: 'Fondo de Salud para el Bienestar',
    opening: '6500000.00',
    yield: '210000.00',
    share: '0.30',
    payments: 6,
  });
  // A trust that sits still with less than the minimum balance (1,000,000) is no story.
  trust(b, host('S287 Sembrando Vida'), {
    name: 'Fideicomiso de Apoyo a Productores',
    opening: '420000.00',
    yield: '18000.00',
    share: '0.01',
    income: random.between(300_000, 400_000),
  });
}

/** The anomalies that are not a programme's whole year: each recorded with the nodes its flag must name. */
function plantedExtras(b: Builder, host: (name: string) => string): void {
  const { random } = b;
  const modest = () => 10 ** random.between(5, Math.log10(400_000));

  // pass-through: two bodies that kept little of what they got ("La Estafa Maestra").
  for (const [name, share, subcontractors] of [
    ['U024 Desarrollo Rural', '0.85', 4],
    ['G002 Supervisión de Obras', '0.92', 5],
  ] as const) {
    const body = intermediary(b, host(name), { share, subcontractors });
    b.record('pass-through', [body], `passed ${share} of what it received on to ${subcontractors} companies`);
  }

  // split-payments: three payments within three weeks, each just below a round figure.
  for (const [name, low, high, days] of [
    ['S292 Fertilizantes', 95_000, 100_000, [183, 192, 204]],
    ['P018 Prevención y Control de Enfermedades', 475_000, 500_000, [274, 281, 292]],
  ] as const) {
    const payer = host(name);
    const payee = b.supplier();
    for (const day of days)
      b.pay(
        payer,
        payee,
        b.amount(() => random.between(low, high - 1)),
        day,
      );
    b.record('split-payments', [payer, payee], `3 payments just below ${high} within 21 days`);
  }

  // watchlist: one listed as definitivo before the year (its RFC written with dashes in the payments), one listed
  // as presunto mid-year, paid before and after (the earlier payment is reported apart, as info).
  for (const [name, status, listedOn, days] of [
    ['E018 Conservación de Carreteras', 'definitivo', '2021-09-30', [40, 130, 220]],
    ['U006 Subsidios para Organismos Descentralizados Estatales', 'presunto', '2023-06-15', [66, 263]],
  ] as const) {
    const rfc = b.rfc();
    const payee = b.node(
      'recipient',
      'sup',
      companyName(random),
      `${rfc.slice(0, 3)}-${rfc.slice(3, 9)}-${rfc.slice(9)}`,
    );
    for (const day of days) b.pay(host(name), payee, b.amount(modest), day);
    listing(b, rfc, status, listedOn);
    b.record('watchlist', [payee], `RFC on the 69-B list as ${status} since ${listedOn}`);
  }

  // duplicate-payment: paid twice on one day; paid twice under one invoice reference on different days.
  {
    const payer = host('E010 Servicios de Educación Superior');
    const payee = b.supplier();
    const twice = b.amount(modest);
    b.pay(payer, payee, b.amount(modest), 100);
    b.pay(payer, payee, twice, 228);
    b.pay(payer, payee, twice, 228);
    b.record('duplicate-payment', [payer, payee], `${twice.toFixed(2)} paid twice on ${dateOf(228)}`);
  }
  {
    const payer = host('U006 Subsidios para Organismos Descentralizados Estatales');
    const payee = b.supplier();
    const twice = b.amount(modest);
    const flows = [b.pay(payer, payee, twice, 72), b.pay(payer, payee, twice, 109)];
    flows.push(b.pay(payer, payee, b.amount(modest), 152));
    const reference = contract(b, payer, payee, flows);
    b.record('duplicate-payment', [payer, payee], `${twice.toFixed(2)} paid twice under ${reference}`);
  }

  // payment-exceeds-contract: paid beyond the value stated for the contract, and beyond the committed amount.
  for (const [name, payments, factor, stated] of [
    ['E010 Servicios de Educación Superior', 3, '0.88', true],
    ['S285 Jóvenes Construyendo el Futuro', 2, '0.93', false],
  ] as const) {
    const payer = host(name);
    const payee = b.supplier();
    const days = spreadDays(random, payments, 30, 330);
    const flows = days.map((day) => b.pay(payer, payee, b.amount(modest), day));
    const reference = contract(b, payer, payee, flows, { factor, stated });
    b.record('payment-exceeds-contract', [payer, payee], `payments under ${reference} are 1/${factor} of its value`);
  }

  // cycle: a body pays a company, which pays another, which pays the body back; two bodies paying each other.
  {
    const body = intermediary(b, host('U006 Subsidios para Organismos Descentralizados Estatales'), {
      share: '0',
      subcontractors: 0,
    });
    const [first, second] = [b.supplier(), b.supplier()];
    const out = b.receivedBy(body).times('0.15').toDecimalPlaces(2);
    b.pay(body, first, out, 120);
    b.pay(first, second, out.times('0.8').toDecimalPlaces(2), 140);
    b.pay(second, body, out.times('0.6').toDecimalPlaces(2), 170);
    b.record('cycle', [body, first, second], 'money from a body came back to it through two companies');
  }
  {
    const one = intermediary(b, host('E010 Servicios de Educación Superior'), { share: '0', subcontractors: 0 });
    const other = intermediary(b, host('P018 Prevención y Control de Enfermedades'), {
      share: '0',
      subcontractors: 0,
    });
    b.pay(one, other, b.receivedBy(one).times('0.4').toDecimalPlaces(2), 210);
    b.pay(other, one, b.receivedBy(other).times('0.3').toDecimalPlaces(2), 250);
    b.record('cycle', [one, other], 'two bodies paid each other');
  }

  // missing-identifier: a supplier and a body paid more than 500,000 with no RFC in the data.
  {
    const payer = host('S287 Sembrando Vida');
    const person = b.supplier(false);
    b.pay(
      payer,
      person,
      b.amount(() => random.between(280_000, 320_000)),
      90,
    );
    b.pay(
      payer,
      person,
      b.amount(() => random.between(280_000, 320_000)),
      250,
    );
    b.record('missing-identifier', [person], 'a person paid over 500,000 without an RFC');
    const body = intermediary(b, payer, { share: '0.30', subcontractors: 2, taxId: false });
    b.record('missing-identifier', [body], 'a body paid over 500,000 without an RFC');
  }

  // trust-idle: trusts that spent almost nothing of large balances, by their report and by their payments.
  const idle = [
    trust(b, host('S287 Sembrando Vida'), {
      name: 'Fideicomiso para la Infraestructura Rural',
      opening: '48000000.00',
      yield: '2400000.00',
      share: '0.025',
    }),
    trust(b, host('S285 Jóvenes Construyendo el Futuro'), {
      name: 'Fondo de Capacitación Laboral',
      opening: '31500000.00',
      yield: '1300000.00',
      share: '0.015',
      payments: 2,
    }),
  ];
  for (const id of idle) b.record('trust-idle', [id], 'spent under 3% of its balance and closed the year holding it');
}

/** Sets the programmes' budgets from what they paid, and allots them from their agencies. */
function allot(b: Builder, programme: Programme, all: Programme[]): void {
  const budget = budgetOf(b, programme);
  if (programme.role === 'shift-raise') {
    // The money S247 lost, moved here: the agency's total stays as Congress voted it.
    const cut = budgetOf(
      b,
      all.find((one) => one.role === 'shift-cut')!,
    );
    budget.approved = budget.modified.minus(cut.approved.minus(cut.modified));
  }
  for (const stage of ['approved', 'modified'] as const) {
    b.flows.push({
      from: programme.agency,
      to: programme.id,
      amount: budget[stage],
      stage,
      period: PERIOD,
      provenance: b.provenance(`pef-${YEAR}.csv`),
    });
  }
}

function budgetOf(b: Builder, programme: Programme): { approved: Decimal; modified: Decimal } {
  const modified = b.paidBy(programme.id).dividedBy(programme.execution).toDecimalPlaces(2);
  return { approved: modified.dividedBy(new Decimal(1).plus(programme.change)).toDecimalPlaces(2), modified };
}

function listing(b: Builder, taxId: string, status: string, listedOn: string): void {
  const row = b.provenance('sat-69b.csv')[0]!;
  b.watchlist.push({ taxId, name: companyName(b.random), status, listedOn, source: 'SAT 69-B', provenance: row });
}

/** Listings of companies that appear nowhere in the payments: a watchlist is mostly other people's suppliers. */
function cleanWatchlist(b: Builder): void {
  const statuses = ['definitivo', 'presunto', 'desvirtuado', 'sentencia favorable'];
  for (let at = 0; at < 60; at++) {
    listing(b, b.rfc(), b.random.pick(statuses), dateOf(b.random.int(0, DAYS - 1), YEAR - 2));
  }
}

const UNIVERSITIES = [
  'Universidad Autónoma del Estado de México',
  'Universidad Politécnica del Golfo',
  'Universidad Tecnológica del Valle',
  'Instituto Tecnológico Superior de la Sierra',
  'Universidad Intercultural del Sur',
  'Radio y Televisión del Estado',
  'Universidad Popular de la Costa',
];

function companyName(random: Random): string {
  const first = ['Constructora', 'Servicios', 'Comercializadora', 'Distribuidora', 'Grupo', 'Consultoría'];
  const second = ['Suministros', 'Ingeniería', 'Tecnologías', 'Proyectos', 'Insumos', 'Logística', 'Soluciones'];
  const third = ['del Norte', 'del Bajío', 'Integral', 'Azteca', 'Peninsular', 'del Pacífico', 'Anáhuac', 'Mexicana'];
  return `${random.pick(first)} de ${random.pick(second)} ${random.pick(third)} S.A. de C.V.`;
}

function personName(random: Random): string {
  const given = ['María', 'José', 'Guadalupe', 'Juan', 'Rosa', 'Francisco', 'Ana', 'Luis', 'Martha', 'Jesús'];
  const family = ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez'];
  return `${random.pick(given)} ${random.pick(family)} ${random.pick(family)}`;
}
