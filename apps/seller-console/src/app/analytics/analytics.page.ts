import { DecimalPipe, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { provideCharts } from 'ng2-charts';
import { AnalyticsApi, describeError } from '@callshop/web/core';
import {
  answeringFigure,
  callbacksFigure,
  callsPerDayFigure,
  heat,
  missedFigure,
  productsFigure,
  staffFigure,
  WEEKDAYS,
} from './analytics-charts';
import {
  browserTimeZone,
  lastDays,
  PERIOD_PRESETS,
  periodProblem,
  timeZones,
  type PeriodPreset,
} from './analytics-period';
import { ChartFigureComponent } from './chart-figure.component';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * The shop's figures for a period and time zone: calls per day, answering, missed calls, the
 * busiest hours, products, staff and callback requests. Chart.js is registered here only (this
 * page is a lazy route), with just the controllers and elements the charts use.
 */
@Component({
  selector: 'cs-analytics-page',
  imports: [ChartFigureComponent, DecimalPipe, PercentPipe, MatButtonModule],
  providers: [
    provideCharts({
      registerables: [
        BarController,
        BarElement,
        CategoryScale,
        LinearScale,
        DoughnutController,
        ArcElement,
        LineController,
        LineElement,
        PointElement,
        Legend,
        Tooltip,
      ],
    }),
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './analytics.page.html',
  styleUrl: './analytics.page.scss',
})
export class AnalyticsPage {
  private readonly api = inject(AnalyticsApi);
  private readonly locale = inject(LOCALE_ID);
  protected readonly presets = PERIOD_PRESETS;
  protected readonly weekdays = WEEKDAYS;
  protected readonly hours = HOURS;

  protected readonly preset = signal<PeriodPreset>('30');
  protected readonly timeZone = signal(browserTimeZone());
  protected readonly zones = computed(() => timeZones(this.timeZone()));
  protected readonly customFrom = signal(lastDays(30, this.timeZone()).from);
  protected readonly customTo = signal(lastDays(30, this.timeZone()).to);
  protected readonly customProblem = computed(() =>
    this.preset() === 'custom' ? periodProblem(this.customFrom(), this.customTo()) : null,
  );

  /** What is asked for; undefined (nothing loads) while a custom period is incomplete. */
  private readonly query = computed(() => {
    const timeZone = this.timeZone();
    const preset = this.preset();
    if (preset !== 'custom') return { ...lastDays(Number(preset), timeZone), timeZone };
    if (this.customProblem()) return undefined;
    return { from: this.customFrom(), to: this.customTo(), timeZone };
  });

  protected readonly figures = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.api.figures(params),
  });
  protected readonly loadError = computed(() => describeError(this.figures.error()));

  private readonly data = computed(() => (this.figures.hasValue() ? this.figures.value() : null));
  protected readonly callsPerDay = computed(() => this.map((a) => callsPerDayFigure(a, this.locale)));
  protected readonly answering = computed(() => this.map(answeringFigure));
  protected readonly missed = computed(() => this.map(missedFigure));
  protected readonly products = computed(() => this.map((a) => productsFigure(a, this.locale)));
  protected readonly staff = computed(() => this.map(staffFigure));
  protected readonly callbacks = computed(() => this.map((a) => callbacksFigure(a, this.locale)));
  protected readonly heat = computed(() => this.map((a) => heat(a.busiestHours)));
  protected readonly totalCalls = computed(() =>
    this.map((a) => a.callsPerDay.reduce((n, d) => n + d.total, 0)),
  );

  protected choosePreset(value: string): void {
    this.preset.set(value as PeriodPreset);
  }

  private map<T>(f: (a: NonNullable<ReturnType<AnalyticsPage['data']>>) => T): T | null {
    const a = this.data();
    return a ? f(a) : null;
  }
}
