import { BarChart as MantineBarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Box, Paper, Text, VisuallyHidden } from '@mantine/core';

export interface Bar {
  /** Under the bar (every few bars when there are many). */
  label: string;
  value: number;
  /** What the tooltip over the bar (and a screen reader, via the table) says. */
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
  /** Which values to draw darker (the busiest hours). */
  highlight?: (value: number) => boolean;
  testId?: string;
}

/**
 * A bar chart of @mantine/charts (recharts inside; it loads with the dashboard's chunk only): one bar per
 * value with its exact figure in the tooltip. The drawing is hidden from screen readers, which get the same
 * numbers as a table.
 */
export function BarChart({ bars, caption, color = 'teal', height = 160, labelEvery = 1, highlight, testId }: BarChartProps) {
  return (
    <Box component="figure" m={0} data-testid={testId}>
      <div aria-hidden="true">
        <MantineBarChart
          h={height}
          data={bars.map((bar) => ({ ...bar }))}
          dataKey="label"
          series={[{ name: 'value', color: `${color}.5` }]}
          getBarColor={highlight ? (value) => (highlight(value) ? `${color}.8` : `${color}.5`) : undefined}
          gridAxis="none"
          withYAxis={false}
          tickLine="none"
          xAxisProps={{ interval: labelEvery - 1 }}
          tooltipAnimationDuration={0}
          // recharts' keyboard layer would make the hidden drawing focusable: the table is what assistive technology reads.
          barChartProps={{ accessibilityLayer: false }}
          tooltipProps={{
            content: ({ payload }) => {
              const bar = payload?.[0]?.payload as Bar | undefined;
              return bar ? (
                <Paper px="sm" py={4} withBorder shadow="sm" fz="sm">
                  {bar.title}
                </Paper>
              ) : null;
            },
          }}
        />
      </div>
      <Text component="figcaption" size="sm" c="dimmed" ta="center">
        {caption}
      </Text>
      <VisuallyHidden>
        <table>
          <caption>{caption}</caption>
          <tbody>
            {bars.map((bar, i) => (
              <tr key={i} data-testid="chart-value" data-value={bar.value}>
                <td>{bar.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Box>
  );
}
