import type { IntentDefinition } from '../template-types.js';

/**
 * Timers: start with a duration and an optional name, said before or after the word timer
 * ("pasta timer", "timer for pasta", "timer called pasta"); select one by name or by its
 * original duration ("the 10 minute timer"). "set a timer" without a duration still
 * matches: the skill asks "For how long?" and the next turn answers it.
 */
export const timerIntents: readonly IntentDefinition[] = [
  {
    intent: 'timer.start',
    templates: [
      '<set> <a_new> <timer_noun> [going] [for|of|at|to|on] {duration:duration_seconds} [<timer_name>]',
      '<set> <a_new> {duration:duration_seconds} [long] [{name}] <timer_noun> [on] [<timer_name>]',
      '<set> <a_new> {name} <timer_noun> [for|of] {duration:duration_seconds}',
      '<set> <a_new> <timer_noun> <timer_name> [for|of] {duration:duration_seconds}',
      '<a_new> <timer_noun> [set] [for|of] {duration:duration_seconds} [<timer_name>]',
      '[a|an] {duration:duration_seconds} [long] [{name}] <timer_noun> [<timer_name>]',
      // "kitchen timer 10 minutes": the terse form, with or without "for".
      '[a|an] {name} <timer_noun> [for|of] {duration:duration_seconds}',
      '[a|an] <timer_noun> <timer_name> (for|of) {duration:duration_seconds}',
      '(put|set) [a|an|the] <timer_noun> on for {duration:duration_seconds} [<timer_name>]',
      '[start|begin] (count down|countdown|counting down) [from|for] {duration:duration_seconds}',
      'time [the|my] {name} for {duration:duration_seconds}',
      'time {duration:duration_seconds}',
      '(alert|ping|notify|buzz) me in {duration:duration_seconds}',
      '<set> <a_new> [{name}] <timer_noun>',
      '(a|an|another|a new|one more) [{name}] <timer_noun>',
    ],
  },
  {
    intent: 'timer.cancel',
    templates: [
      '<timer_off> <timer>',
      '<timer> (off|cancel)',
      '(turn|switch|shut) <timer> off',
      'i do not need <timer> [anymore|any more]',
      '(forget|never mind) [about] <timer>',
    ],
  },
  {
    intent: 'timer.status',
    templates: [
      'how (much time|long) [is|do i have|have i got|is there|does <timer> have|has <timer> got] (left|remaining) [(on|in|for) (<timer>|<timers>)]',
      'how (much time|long) remains [(on|in|for) <timer>]',
      'how much is (left|remaining) [(on|in) <timer>]',
      '(remaining time|time remaining|time left|time check) on <timer>',
      'what is <timer> status',
      'how (much time|long) [is] [left|remaining] (on|in) <timer>',
      'how many timers (do i have|are running|are set|are there|have i set)',
      'how (much|long) longer [is] [left|remaining] [(on|for) <timer>]',
      'how (much|long) longer (is|does|has) <timer> [have|got|got left|left|going to be|be]',
      'how many (minutes|seconds|hours) [are|is|do i have|have i got] (left|remaining) [(on|in|for) <timer>]',
      'how long (until|till|til|before) <timer> (goes off|is done|finishes|ends|rings|beeps|is up|is finished)',
      'when (will|does|is) <timer> (go off|be done|finish|end|ring|done|going off|up|going to go off)',
      'what is (left|remaining) on <timer>',
      '(what|where) is <timer> at',
      '[what is] [the] (time|minutes|seconds) (left|remaining) [on <timer>]',
      'how far along is <timer>',
      '(check|check on|status of|check the status of) (<timer>|<timers>)',
      'what is the status of (<timer>|<timers>)',
      '(<timer>|<timers>) status',
      '(how is|what about|how are) (<timer>|<timers>) [doing|going|coming along]',
      'is <timer> (done|finished|still running|running|still going|going|still on|on|up|over|complete) [yet]',
      '(are|is) (any|there any) timers (running|set|on|going)',
      'are <timers> (done|running|still running|still going)',
      '(what|which) timers (do i have|are running|are set|are on|are going|have i set|are active|are there)',
      '(list|show [me]|read [me]|give me|see) [all] [my|the] [active|running] timers',
      'do i have (any|a) (timers|timer) [running|set|on|going]',
      '(are there|any) [any] timers [running|set|on|going]',
      'is there a timer [running|set|on|going]',
      'what timers i have',
    ],
  },
  {
    intent: 'timer.pause',
    templates: [
      '(pause|hold|freeze) [<timer>|<timers>|it]',
      'put <timer> on (hold|pause)',
      'stop <timer> for (a|one) (moment|second|sec|minute|bit)',
    ],
  },
  {
    intent: 'timer.resume',
    templates: [
      // A bare "continue" is left to the conversation ("continue the story").
      '(resume|unpause|unfreeze) [<timer>|<timers>|it]',
      '(continue|carry on with|restart) <timer>',
      '(start|restart|turn on) <timer> (again|back up)',
      'take <timer> off (hold|pause)',
      '(keep|let) <timer> (going|running)',
    ],
  },
  {
    intent: 'timer.add_time',
    templates: [
      'add [another|an extra|a further|an additional] {duration:delta_seconds} [more|extra] [(to|on|onto) (<timer>|it)]',
      '(give|add) (<timer>|it) [another|an extra|a further] {duration:delta_seconds} [more|extra]',
      '(extend|increase|lengthen|bump up|bump) <timer> [by] {duration:delta_seconds}',
      'put [another|an extra] {duration:delta_seconds} [more|extra] on [<timer>|it]',
      'make <timer> {duration:delta_seconds} longer',
      '[another|an extra] {duration:delta_seconds} [more|extra] on <timer>',
      'give (me|it) [another|an extra] {duration:delta_seconds} [more|extra] on <timer>',
    ],
  },
  {
    intent: 'timer.remove_time',
    templates: [
      '(take|remove|subtract|knock|cut|shave|deduct) [away] {duration:delta_seconds} (off|from|off of) (<timer>|it)',
      '(take|knock|shave) {duration:delta_seconds} off',
      '(take|knock|shave) off {duration:delta_seconds}',
      '(remove|subtract|deduct) {duration:delta_seconds} [from <timer>]',
      'take away {duration:delta_seconds} [from <timer>]',
      '(reduce|shorten|decrease|cut|lower) <timer> by {duration:delta_seconds}',
      'make <timer> {duration:delta_seconds} shorter',
      '{duration:delta_seconds} less on <timer>',
    ],
  },
  {
    intent: 'timer.cancel_all',
    templates: [
      '<timer_off> (all [of] [the|my] timers|[the|my] timers|every timer|both timers|all [of] [the|my] <timer_noun>)',
      '(turn|switch|shut) (all [of] [the|my] timers|every timer) off',
    ],
  },
];
