// The week's picture: meeting hours per day drawn by ECharts on the server as SVG, rasterised to PNG for every mail client.
import { closeSync, openSync, readSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { DigestFontError } from './digest-error.js';
import type { DayLoad, DigestLocale } from './digest-model.js';
import { dateParts, formatNumber, weekdayName } from './locale-format.js';
import { palette } from './palette.js';

echarts.use([BarChart, GridComponent, SVGRenderer]);

export type ChartFont = {
  /** TrueType/OpenType files for the labels (regular and bold); those that can be read are loaded. */
  fontFiles: readonly string[];
  /** The family name inside those files. */
  fontFamily: string;
};

/** Debian's fonts-dejavu-core, on the machines and in the images this runs on. */
export const DEFAULT_CHART_FONT: ChartFont = {
  fontFiles: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  fontFamily: 'DejaVu Sans',
};

/** Size of the picture as laid out in the mail, in CSS pixels; the PNG has twice as many for sharp screens. */
export const CHART_WIDTH = 440;
const CHART_HEIGHT = 210;
const SCALE = 2;

export type WeekChart = { png: Buffer; width: number; height: number };

/** The first four bytes of a TrueType, OpenType or collection file. */
const FONT_SIGNATURES = ['00010000', '4f54544f', '74727565', '74746366'];

function isFontFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && FONT_SIGNATURES.includes(head.toString('hex'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// resvg skips a file it cannot use without a word, leaving the labels out: so each file is checked once first.
const usable = new Map<string, boolean>();
function readableFiles(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    let ok = usable.get(file);
    if (ok === undefined) {
      ok = isFontFile(file);
      usable.set(file, ok);
    }
    if (ok) found.push(file);
  }
  return found;
}

/** The SVG of the chart; the same days and locale always give the same SVG. */
export function weekChartSvg(days: readonly DayLoad[], locale: DigestLocale, fontFamily: string): string {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const withWorkingDay = sorted.some((d) => d.workingHours !== undefined);
  const top = Math.max(1, ...sorted.map((d) => Math.max(d.meetingHours, d.workingHours ?? 0)));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily, color: palette.ink },
      grid: { left: 4, right: 4, top: 30, bottom: 48 },
      xAxis: {
        type: 'category',
        data: sorted.map((d) => `${weekdayName(d.date, locale).slice(0, 3)}\n${dateParts(d.date).day}`),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: palette.muted } },
        axisLabel: { color: palette.ink, fontSize: 15, lineHeight: 19, margin: 8 },
      },
      yAxis: { type: 'value', show: false, max: top },
      series: [
        ...(withWorkingDay
          ? [
              {
                type: 'bar',
                silent: true,
                barWidth: '56%',
                barGap: '-100%',
                itemStyle: { color: palette.rule, borderRadius: [4, 4, 0, 0] },
                data: sorted.map((d) => d.workingHours ?? 0),
                z: 1,
              },
            ]
          : []),
        {
          type: 'bar',
          barWidth: '56%',
          barGap: '-100%',
          itemStyle: { color: palette.accent, borderRadius: [4, 4, 0, 0] },
          label: {
            show: true,
            position: 'top',
            color: palette.ink,
            fontSize: 15,
            fontWeight: 'bold',
            formatter: (p: { value: unknown }) => `${formatNumber(Number(p.value), locale)} h`,
          },
          data: sorted.map((d) => d.meetingHours),
          z: 2,
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG. Throws DigestFontError when no font file can be used: a picture without labels says nothing. */
export function renderWeekChart(days: readonly DayLoad[], locale: DigestLocale, font: ChartFont = DEFAULT_CHART_FONT): WeekChart {
  const fontFiles = readableFiles(font.fontFiles);
  if (fontFiles.length === 0) throw new DigestFontError(font.fontFiles);
  const svg = weekChartSvg(days, locale, font.fontFamily);
  const image = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: font.fontFamily, sansSerifFamily: font.fontFamily },
    fitTo: { mode: 'zoom', value: SCALE },
    background: palette.card,
    logLevel: 'off',
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
