/**
 * A customer's rating of a call that connected and ended: 1 to 5 stars and an optional comment,
 * once per call. The shop sees it in its call history.
 */
export interface CallRatingDto {
  /** 1 (poor) to 5 (excellent). */
  stars: number;
  comment: string | null;
  createdAt: string;
}

/** `POST /calls/:id/rating`. */
export interface RateCallRequest {
  stars: number;
  comment?: string;
}

export const CALL_RATING_LIMITS = {
  starsMin: 1,
  starsMax: 5,
  commentMax: 1000,
} as const;
