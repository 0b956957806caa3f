/** A page of results, as every list endpoint returns it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/** Query parameters shared by paginated endpoints (1-based `page`). */
export interface PageQuery {
  page?: number;
  limit?: number;
}

/** One invalid field of a rejected request body or query. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** The single JSON shape of every error answered by the REST API. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldError[];
  path?: string;
  timestamp?: string;
}

/** A money amount in integer minor units (cents) and an ISO 4217 currency code. */
export interface Money {
  amount: number;
  currency: string;
}
