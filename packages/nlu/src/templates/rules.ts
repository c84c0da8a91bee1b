import type { ExpansionRules } from '../template-parser.js';

/** Expansion rules shared by templates, referenced as `<name>` (hassil's expansion_rules). */
export const expansionRules: ExpansionRules = {
  set: '(set|start|create|make|begin|add|put on|set up|give me|run|schedule|new)',
  /** Selects one timer: "the timer", "the pasta timer", "the 10 minute timer", "the timer for pasta". */
  timer:
    '([the|my|that|this] [{duration:original_seconds}|{name}] timer|[the|my] timer (called|named|labeled|labelled|for) ({name}|{duration:original_seconds}))',
  timer_name: '(called|named|labeled|labelled|for [the|my]) {name}',
  alarm_days: '({day:date} [{repeat}]|{repeat} [{day:date}])',
  alarm_label: '(called|named|labeled|labelled) {label}',
  alarm_off: '(cancel|delete|remove|turn off|switch off|disable|clear|get rid of)',
  wake_me: '(wake me up|wake me|wake up|get me up)',
  remind:
    '(remind me|set [a|an] reminder|create [a|an] reminder|add [a|an] reminder|make [a|an] reminder|new reminder)',
  remind_what: '(to|about|that|that i need to|that i have to)',
  /** When a reminder is due, other than "in <duration>": a clock time, a day, or both. */
  remind_when: '((at|by) {time:at_time} [{day:at_day}]|{day:at_day} [(at|by) {time:at_time}])',
  reminders_off: '(cancel|delete|remove|clear|forget|turn off|get rid of)',
  where_when:
    '([(in|for|at|around) {location}|here|outside|out there] [[for] {day}]|[for] {day} [(in|for|at|around) {location}|here|outside])',
  weather: '(weather|forecast|weather forecast|weather report)',
  weather_condition:
    '(rain|snow|storm|be (sunny|cold|hot|warm|windy|cloudy|rainy|snowy|stormy|nice|freezing|foggy|humid))',
  weather_now: '(raining|snowing|sunny|cold|hot|warm|windy|cloudy|freezing|foggy|humid|nice)',
  weather_gear: '(an umbrella|a jacket|a coat|a raincoat|sunscreen|sunglasses|a sweater|boots)',
  where: '(in|over in|for) {location}',
  list_ref: '[my|the|our] [{list}] list',
};
