import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { BaseChartDirective } from 'ng2-charts';
import type { ChartFigure } from './analytics-charts';

let nextId = 0;

/**
 * One chart with its numbers as a table. The canvas is hidden from screen readers; the table
 * is always in the page for them (visually hidden) and shown to everyone by "Show as table".
 */
@Component({
  selector: 'cs-chart-figure',
  imports: [BaseChartDirective, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="figure" [attr.aria-labelledby]="id + '-title'">
      <div class="head">
        <h2 [id]="id + '-title'">{{ heading() }}</h2>
        <button
          mat-button
          type="button"
          [attr.aria-expanded]="showTable()"
          [attr.aria-controls]="id + '-table'"
          (click)="showTable.set(!showTable())"
          data-testid="toggle-table"
        >
          {{ showTable() ? 'Hide table' : 'Show as table' }}
        </button>
      </div>
      <ng-content />
      @if (figure(); as f) {
        <div class="canvas" [class.tall]="tall()" aria-hidden="true">
          <canvas baseChart [type]="f.chart.type" [data]="f.chart.data" [options]="f.chart.options"></canvas>
        </div>
        <div [id]="id + '-table'" [class.cs-visually-hidden]="!showTable()" class="table-wrap">
          <table data-testid="figure-table">
            <caption class="cs-visually-hidden">
              {{
                heading()
              }}
            </caption>
            <thead>
              <tr>
                @for (c of f.table.columns; track $index) {
                  <th scope="col">{{ c }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (row of f.table.rows; track $index) {
                <tr>
                  @for (cell of row; track $index) {
                    @if ($first) {
                      <th scope="row">{{ cell }}</th>
                    } @else {
                      <td>{{ cell }}</td>
                    }
                  }
                </tr>
              } @empty {
                <tr>
                  <td [attr.colspan]="f.table.columns.length">Nothing in this period.</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    .figure {
      margin: 0;
      padding: 12px 16px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    h2 {
      margin: 0;
      font-size: 1.05rem;
    }
    .canvas {
      position: relative;
      height: 240px;
    }
    .canvas.tall {
      height: 320px;
    }
    .table-wrap:not(.cs-visually-hidden) {
      overflow-x: auto;
      margin-top: 12px;
    }
    table {
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    th,
    td {
      padding: 4px 8px;
      text-align: right;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    th[scope='row'],
    thead th:first-child {
      text-align: left;
    }
  `,
})
export class ChartFigureComponent {
  readonly heading = input.required<string>();
  readonly figure = input.required<ChartFigure | null>();
  readonly tall = input(false);
  protected readonly id = `cs-figure-${nextId++}`;
  protected readonly showTable = signal(false);
}
