import { Box, Text, useMantineTheme } from '@mantine/core';

export interface Bar {
  /** Under the bar (every few bars when there are many). */
  label: string;
  value: number;
  /** What a pointer over the bar (and a screen reader, via the table) says. */
  title: string;
}

export interface BarChartProps {
  bars: Bar[];
  /** The chart's name, read by screen readers with the table of values. */
  caption: string;
  color?: string;
  height?: number;
  /** Every how many bars a label is drawn (1 = all). */
  labelEvery?: number;
  /** The bars to draw darker (the busiest hours). */
  highlight?: (bar: Bar, index: number) => boolean;
  testId?: string;
}

const VIEW_WIDTH = 600;
const LABEL_SPACE = 18;

/**
 * A small bar chart drawn as inline SVG (@mantine/charts is not in this app: it would bring recharts, about
 * 100 KB): one bar per value, scaled to the largest, each with its exact value in a tooltip. Screen
 * readers get the same numbers as a table.
 */
export function BarChart({ bars, caption, color = 'teal', height = 160, labelEvery = 1, highlight, testId }: BarChartProps) {
  const theme = useMantineTheme();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = VIEW_WIDTH / Math.max(1, bars.length);
  const barWidth = Math.max(2, slot * 0.7);
  const plot = height - LABEL_SPACE;
  const fill = theme.colors[color]?.[5] ?? color;
  const strong = theme.colors[color]?.[8] ?? color;

  return (
    <Box component="figure" m={0} data-testid={testId}>
      <svg viewBox={`0 0 ${VIEW_WIDTH} ${height}`} style={{ width: '100%', height: 'auto', display: 'block' }} aria-hidden="true" focusable="false">
        <line x1={0} x2={VIEW_WIDTH} y1={plot + 0.5} y2={plot + 0.5} stroke={theme.colors.gray[4]} strokeWidth={1} />
        {bars.map((bar, i) => {
          const h = bar.value > 0 ? Math.max(1, (bar.value / max) * (plot - 4)) : 0;
          const x = i * slot + (slot - barWidth) / 2;
          return (
            <g key={i}>
              <rect x={x} y={plot - h} width={barWidth} height={h} rx={1.5} fill={highlight?.(bar, i) ? strong : fill} data-value={bar.value}>
                <title>{bar.title}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={i * slot + slot / 2} y={height - 4} textAnchor="middle" fontSize={11} fill={theme.colors.gray[6]}>
                  {bar.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Text component="figcaption" size="sm" c="dimmed" ta="center">
        {caption}
      </Text>
      <table style={visuallyHidden}>
        <caption>{caption}</caption>
        <tbody>
          {bars.map((bar, i) => (
            <tr key={i}>
              <td>{bar.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

const visuallyHidden = { position: 'absolute', width: 1, height: 1, margin: -1, padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 } as const;
