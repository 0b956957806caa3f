import { Pipe, PipeTransform } from '@angular/core';
import { formatDuration } from './format';

/** `{{ call.durationSeconds | csDuration }}` → `2:05`; an empty value shows a dash. */
@Pipe({ name: 'csDuration' })
export class DurationPipe implements PipeTransform {
  transform(seconds: number | null | undefined): string {
    return seconds === null || seconds === undefined ? '—' : formatDuration(seconds);
  }
}
