import { z } from "zod";

/**
 * A rater's answers as the form holds them and as a draft stores them:
 * statement id → 1..5 or an explicit "not observed"; question id → text.
 * A statement left out has not been answered yet.
 */
export const ratingAnswer = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal("not_observed")]);
export type RatingAnswer = z.infer<typeof ratingAnswer>;

export const MAX_COMMENT_LENGTH = 4000;

export const answersSchema = z.strictObject({
  ratings: z.record(z.uuid(), ratingAnswer),
  comments: z.record(z.uuid(), z.string().max(MAX_COMMENT_LENGTH)),
});
export type Answers = z.infer<typeof answersSchema>;

/** The stored form of a rating: a number, or NULL for "not observed". */
export function storedRatingValue(answer: RatingAnswer): number | null {
  return answer === "not_observed" ? null : answer;
}
