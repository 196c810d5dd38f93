// Chart.js with only what the dashboard draws, registered one by one so that esbuild drops the
// rest. The Colors plugin is not registered: every dataset names its colours (palette.ts).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController, LineWithErrorBarsController, PointWithErrorBar } from 'chartjs-chart-error-bars';

Chart.register(
  CategoryScale,
  LinearScale,
  LogarithmicScale,
  BarController,
  BarElement,
  PointElement,
  LineElement,
  LineController,
  BarWithErrorBarsController,
  BarWithErrorBar,
  LineWithErrorBarsController,
  PointWithErrorBar,
  Legend,
  Tooltip,
);

// No animation: a chart is complete the moment it is created, which keeps screenshots, print and
// the first-chart timing honest, and spares motion-sensitive readers.
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Liberation Sans", sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1f2937';
Chart.defaults.maintainAspectRatio = false;

export { Chart };
