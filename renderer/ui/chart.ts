/**
 * Charts for the analysis views: echarts, bundled (never a CDN), only the parts the views use, on
 * a canvas. `useChart` owns one chart per element: created on mount, resized with its box, and
 * disposed on unmount.
 */
import { HeatmapChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';

echarts.use([HeatmapChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, VisualMapComponent, MarkLineComponent, CanvasRenderer]);

export type Chart = echarts.ECharts;
export type ChartOption = echarts.EChartsCoreOption;

export function useChart(): { ref: React.RefObject<HTMLDivElement | null>; chart: Chart | null } {
  const ref = useRef<HTMLDivElement | null>(null);
  const [chart, setChart] = useState<Chart | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'canvas' });
    setChart(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      setChart(null);
    };
  }, []);
  return { ref, chart };
}

/** Text for a chart tooltip: echarts renders tooltip HTML, so anything from an article is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
