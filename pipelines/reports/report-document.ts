import type { DisclosureStatement } from '../read/index.js';
import type { ReportName } from './report-config.js';
import type { ReportPeriod } from './report-period.js';

/** A table cell: text, optionally with a tone the renderer colours (good, bad, neutral). */
export interface ReportCell {
  text: string;
  tone?: 'good' | 'bad' | 'warn' | 'neutral';
  /** Right-aligned numbers. */
  numeric?: boolean;
  /** A row under the one before (a trust under its ICS): indented, not bold. */
  indent?: boolean;
}

export interface ReportTable {
  columns: string[];
  rows: ReportCell[][];
}

/** A chart rendered from a dashboards component: its SVG markup and its description. */
export interface ReportChart {
  /** Unique within the report: the image's file name and Content-ID stem. */
  name: string;
  svg: string;
  alt: string;
  width: number;
  height: number;
}

/** One section: a heading, a few sentences, a chart and/or a table, and where each number comes from. */
export interface ReportSection {
  title: string;
  paragraphs: string[];
  chart?: ReportChart;
  table?: ReportTable;
  /** "indicator ae_4h_performance, org QXA, day 2026-11-24" lines. */
  sources: string[];
}

/** A rendered-ready report for one audience (role × ICS scope). */
export interface ReportDocument {
  report: ReportName;
  period: ReportPeriod;
  title: string;
  subtitle: string;
  /** The audience key, e.g. "regional" or "public-QOP". */
  audience: string;
  generatedAt: Date;
  whatChanged: string[];
  whereToLook: string[];
  sections: ReportSection[];
  /** The disclosure rule applied to every number, for a controlled role. */
  disclosure: DisclosureStatement | null;
  /** Every number in the report, keyed "indicator|org|grain|period" (for checks and meta.json). */
  figures: ReportFigure[];
}

export interface ReportFigure {
  /** 'value': indicator_value.value (API /values); 'gap': inequality_summary.gap (API /inequality). */
  measure: 'value' | 'gap';
  indicator_id: string;
  org_code: string;
  grain: string;
  period_start: string;
  value: number | null;
}
