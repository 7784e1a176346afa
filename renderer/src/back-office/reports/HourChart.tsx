import type { SalesReport } from '../../../../shared/sales-report.js';
import { formatMoney } from '../../../../shared/money/index.js';

const width = 720;
const height = 220;
const axisHeight = 24;
const barGap = 4;

/**
 * Net sales by local hour as an SVG bar chart. The chart has a title and
 * description for screen readers, and each bar a <title> with its amount;
 * the same figures are in the table the report shows beside it.
 */
export function HourChart(props: {
  byHour: SalesReport['byHour'];
  currency: string;
}) {
  const { byHour, currency } = props;
  const max = Math.max(1, ...byHour.map((hour) => hour.net));
  const slot = width / 24;
  const plotHeight = height - axisHeight;

  return (
    <svg
      className="hour-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="hour-chart-title hour-chart-desc"
    >
      <title id="hour-chart-title">Net sales by hour</title>
      <desc id="hour-chart-desc">
        {`Highest hour: ${formatMoney(max, currency)}. Hours are the trucks' local time.`}
      </desc>
      {byHour.map((hour) => {
        const barHeight = Math.round(
          (Math.max(0, hour.net) / max) * plotHeight,
        );
        const x = hour.hour * slot + barGap / 2;
        return (
          <g key={hour.hour}>
            <rect
              className="hour-chart__bar"
              x={x}
              y={plotHeight - barHeight}
              width={slot - barGap}
              height={barHeight}
            >
              <title>{`${pad(hour.hour)}:00 ${formatMoney(hour.net, currency)}, ${hour.orders} orders`}</title>
            </rect>
            {hour.hour % 3 === 0 ? (
              <text
                className="hour-chart__label"
                x={x + (slot - barGap) / 2}
                y={height - 6}
                textAnchor="middle"
              >
                {pad(hour.hour)}
              </text>
            ) : null}
          </g>
        );
      })}
      <line
        className="hour-chart__axis"
        x1={0}
        x2={width}
        y1={plotHeight}
        y2={plotHeight}
      />
    </svg>
  );
}

function pad(hour: number): string {
  return String(hour).padStart(2, '0');
}
