// The page's own words in both languages it speaks. Names and amounts from the data never go through here: they are
// the data's, and the library writes the flags' sentences in both languages itself.
import type { Severity, Stage } from '../../src/index.js';

export type Lang = 'es' | 'en';

/** How many nodes each column of the chart keeps before folding the rest into "Other". */
export const TOP = 10;

/** How many flags the panel lists before saying how many more there are. */
export const MAX_FLAGS = 12;

export interface Words {
  title: string;
  intro: string;
  stage: string;
  language: string;
  file: string;
  fileHint: string;
  wholeBudget: string;
  showAll: string;
  clickHint: string;
  flags: string;
  loading: string;
  exact: string;
  stages: Record<Stage, string>;
  severities: Record<Severity, string>;
  rows: (file: string, read: string, accepted: string, rejected: string, skipped: string) => string;
  flagsOverall: (count: string) => string;
  flagsAbout: (count: string) => string;
  noFlags: string;
  more: (count: string) => string;
  noFlows: string;
  failed: (file: string, why: string) => string;
  source: string;
}

export const WORDS: Record<Lang, Words> = {
  es: {
    title: '¿A dónde va el dinero?',
    intro:
      'El presupuesto como un río: del ramo a sus programas, de los programas a los estados y de ahí a los municipios. ' +
      'Haz clic en un nodo para ver sólo lo que entra y sale de él.',
    stage: 'Etapa',
    language: 'Idioma',
    file: 'Abrir tu propio CSV',
    fileHint: 'Una tabla de flujos: from, to, amount, stage (y si quieres from_name, to_name). Nada sale de tu equipo.',
    wholeBudget: 'Todo el presupuesto',
    showAll: 'Ver todo el presupuesto',
    clickHint: 'Haz clic en una barra para enfocarla.',
    flags: 'Señales de alerta',
    loading: 'Leyendo los datos…',
    exact: 'cifra exacta',
    stages: {
      approved: 'Aprobado',
      modified: 'Modificado',
      committed: 'Comprometido',
      accrued: 'Devengado',
      exercised: 'Ejercido',
      paid: 'Pagado',
    },
    severities: { info: 'informativa', low: 'baja', medium: 'media', high: 'alta' },
    rows: (file, read, accepted, rejected, skipped) =>
      `${file}: ${read} filas leídas, ${accepted} aceptadas, ${rejected} rechazadas, ${skipped} omitidas.`,
    flagsOverall: (count) => `${count} señales en todo el presupuesto; las más graves y grandes primero:`,
    flagsAbout: (count) => `${count} señales tocan este nodo:`,
    noFlags: 'Ninguna señal toca este nodo.',
    more: (count) => `…y ${count} más.`,
    noFlows: 'Este archivo no tiene flujos que mostrar.',
    failed: (file, why) => `No se pudo leer ${file}: ${why}`,
    source:
      'Datos de ejemplo: Ramo 23 «Provisiones Salariales y Económicas», proyectos 2016, Secretaría de Hacienda ' +
      '(datos abiertos de Transparencia Presupuestaria). Montos en pesos, sumados sin redondeo.',
  },
  en: {
    title: 'Where does the money go?',
    intro:
      'The budget as a river: from the budget branch to its programmes, from the programmes to the states and on to ' +
      'the municipalities. Click a node to see only what flows in and out of it.',
    stage: 'Stage',
    language: 'Language',
    file: 'Open your own CSV',
    fileHint:
      'A flows table: from, to, amount, stage (and, if you like, from_name, to_name). Nothing leaves your device.',
    wholeBudget: 'The whole budget',
    showAll: 'Show the whole budget',
    clickHint: 'Click a bar to focus on it.',
    flags: 'Warning signs',
    loading: 'Reading the data…',
    exact: 'exact figure',
    stages: {
      approved: 'Approved',
      modified: 'Modified',
      committed: 'Committed',
      accrued: 'Accrued',
      exercised: 'Exercised',
      paid: 'Paid',
    },
    severities: { info: 'info', low: 'low', medium: 'medium', high: 'high' },
    rows: (file, read, accepted, rejected, skipped) =>
      `${file}: ${read} rows read, ${accepted} accepted, ${rejected} rejected, ${skipped} skipped.`,
    flagsOverall: (count) => `${count} warning signs in the whole budget; the most serious and largest first:`,
    flagsAbout: (count) => `${count} warning signs touch this node:`,
    noFlags: 'No warning sign touches this node.',
    more: (count) => `…and ${count} more.`,
    noFlows: 'This file has no flows to show.',
    failed: (file, why) => `Could not read ${file}: ${why}`,
    source:
      'Sample data: Ramo 23 ("Salary and Economic Provisions"), 2016 projects, Mexico\'s Ministry of Finance ' +
      '(Transparencia Presupuestaria open data). Amounts in pesos, added up without rounding.',
  },
};
