/** Said in the question of the steady-load run: the bench stand-in then answers over about two seconds. */
export const LONG_ANSWER_MARK = '(take your time)';
