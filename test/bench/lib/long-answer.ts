/** Said in the question of the steady-load run: the bench stand-in then answers over about two seconds. */
export const LONG_ANSWER_MARK = '(take your time)';
/** The stand-in's pause between the chunks of a long answer. */
export const LONG_ANSWER_CHUNK_DELAY_MS = 100;
/** About how long a long answer streams, the bench's answer being 14 words plus the closing chunks. */
export const LONG_ANSWER_MS = 2_000;
