import type { IntentDefinition } from '../template-types.js';

/** Timers: start with a duration and optional name; select one by name or original duration. */
export const timerIntents: readonly IntentDefinition[] = [
  {
    intent: 'timer.start',
    templates: [
      '<set> [a|an|the] timer [for|of] {duration:duration_seconds} [<timer_name>]',
      '<set> [a|an] {duration:duration_seconds} timer [<timer_name>]',
      '<set> [a|an] {duration:duration_seconds} {name} timer',
      '<set> [a|an] {name} timer (for|of) {duration:duration_seconds}',
      '<set> [a|an] timer <timer_name> (for|of) {duration:duration_seconds}',
      '[a|an] timer (for|of) {duration:duration_seconds} [<timer_name>]',
      '[a|an] {duration:duration_seconds} timer [<timer_name>]',
      '(count down|countdown) [from|for] {duration:duration_seconds}',
      'time {duration:duration_seconds}',
    ],
  },
  {
    intent: 'timer.cancel',
    templates: [
      '(cancel|stop|delete|remove|end|kill|clear|turn off|switch off|dismiss|get rid of) <timer>',
      '<timer> (off|cancel)',
    ],
  },
  {
    intent: 'timer.status',
    templates: [
      'how (much time|long) [is|do i have] (left|remaining) [(on|in|for) <timer>]',
      'how many (minutes|seconds|hours) [are|do i have] (left|remaining) [(on|in|for) <timer>]',
      'how much longer [(on|for) <timer>]',
      'how much longer (is|does) <timer> [have]',
      'how long until <timer> (goes off|is done|finishes|ends|rings)',
      'when (will|does) <timer> (go off|be done|finish|end|ring)',
      'what is (left|remaining) on <timer>',
      'time (left|remaining) on <timer>',
      '(check|status of) <timer>',
      'what is the status of <timer>',
      '(how is|what about) <timer> [doing|going]',
      '<timer> status',
      'is <timer> (done|finished|still running|running)',
      '(what|which) timers (do i have|are running|are set|are on)',
      '(list|show [me]|check|read [me]) [all] [my|the] timers',
      'do i have any timers [running|set|on]',
    ],
  },
  {
    intent: 'timer.pause',
    templates: ['(pause|hold|freeze) [<timer>]', 'put <timer> on (hold|pause)'],
  },
  {
    intent: 'timer.resume',
    templates: [
      // A bare "continue" is left to the conversation ("continue the story").
      '(resume|unpause|unfreeze) [<timer>]',
      'continue <timer>',
      '(start|restart) <timer> again',
      'take <timer> off (hold|pause)',
    ],
  },
  {
    intent: 'timer.add_time',
    templates: [
      'add [another|an extra|a further] {duration:delta_seconds} [more|extra] [(to|on|onto) <timer>]',
      '(give|add) <timer> [another|an extra] {duration:delta_seconds} [more|extra]',
      '(extend|increase|lengthen) <timer> by {duration:delta_seconds}',
      'put {duration:delta_seconds} more on <timer>',
    ],
  },
  {
    intent: 'timer.remove_time',
    templates: [
      '(take|remove|subtract|knock|cut) [away] {duration:delta_seconds} (off|from|off of) <timer>',
      '(take|knock) {duration:delta_seconds} off',
      '(remove|subtract) {duration:delta_seconds} [from <timer>]',
      '(reduce|shorten|decrease) <timer> by {duration:delta_seconds}',
    ],
  },
  {
    intent: 'timer.cancel_all',
    templates: [
      '(cancel|stop|delete|remove|end|kill|clear|turn off|dismiss|get rid of) (all [of] [the|my] timers|[the|my] timers|every timer)',
      'clear [all] [my|the] timers',
    ],
  },
];
