import { HttpParams } from '@angular/common/http';

/** Query parameters without the empty ones (`undefined`, `null`, `''`). */
export function toHttpParams(query: object | undefined): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}
