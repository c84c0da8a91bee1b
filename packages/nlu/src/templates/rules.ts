import type { ExpansionRules } from '../template-parser.js';

/**
 * Expansion rules shared by templates, referenced as `<name>` (hassil's expansion_rules).
 * Politeness and request frames ("could you", "I'd like") are removed by the normaliser
 * (fillers.ts), so rules only cover the words that carry the request.
 */
export const expansionRules: ExpansionRules = {
  set: '(set|start|create|make|begin|add|put on|set up|give me|run|schedule|new|put|get|do|set me|start me|make me|get me|setting|starting|creating|making)',

  timer_noun: '(timer|countdown|count down|countdown timer)',
  /** "a timer", "another timer", "a second timer": each starts one more. */
  a_new: '[a|an|the|my|one|another|a new|a second|a third|one more] [quick|short|little|new]',
  /**
   * Selects one timer: "the timer", "the pasta timer", "the 10 minute timer", "the timer for
   * pasta", and by where it is: "the kitchen timer", "the timer in the bedroom".
   */
  timer:
    '([the|my|that|this|your] [paused|running|current|active] [{duration:original_seconds}] [{room}] [{name}] <timer_noun> [<in_room>]|[the|my|that] <timer_noun> (called|named|labeled|labelled|titled|for) [the|my] ({name}|{duration:original_seconds})|[the|my] <which_one> <timer_noun>)',
  /** Where a timer or an alarm is: "in the kitchen", "on the bedroom speaker". */
  in_room: '(in|on|from) [the|my] {room} [speaker|device|echo|display]',
  /** Picks one timer by position, which no slot carries: the skill asks which one when it matters. */
  which_one: '(first|second|third|last|other|next|new|newest|latest|oldest)',
  timers: '[all] [of] [the|my] [active|running] timers',
  timer_name: '((called|named|labeled|labelled|titled) [the|my] {name}|for [the|my] {name}|to {name})',
  timer_off:
    '(cancel|stop|delete|remove|end|kill|clear|turn off|switch off|shut off|dismiss|get rid of|abort|disable|scrap|drop)',

  alarm_noun: '[recurring|repeating|wake up|wakeup|new|another] (alarm|alarm clock|wake up call|wakeup call)',
  alarm_days: '({day:date} [{repeat}]|{repeat} [{day:date}])',
  alarm_label: '((called|named|labeled|labelled|titled) {label}|for [the|my] {label}|to {label})',
  alarm_off:
    '(cancel|delete|remove|turn off|switch off|shut off|disable|clear|get rid of|unset|deactivate|erase|kill)',
  wake_me: '(wake me up|wake me|wake up|get me up|wake us up|wake us) [early]',

  remind:
    '(remind me|remind us|be reminded|[set|create|add|make|give me|set me|schedule|put in|send me] [a|an] [new] reminder|ping me|nudge me|do not let me forget|do not forget to remind me|make sure i remember)',
  remind_what: '(to|about|that|for|that i need to|that i have to|that i should|i need to|i have to)',
  /** When a reminder is due, other than "in <duration>": a clock time, a day, or both. */
  remind_when: '((at|by|around) {time:at_time} [{day:at_day}]|{day:at_day} [(at|by|around) {time:at_time}])',
  remind_in: '((in|after) {duration:in_seconds} [from now]|[for] {duration:in_seconds} from now)',
  /** "a reminder for 3 pm", "a reminder for tomorrow at 9": the time a reminder is for. */
  remind_for: 'for ({time:at_time} [{day:at_day}]|{day:at_day} [(at|by) {time:at_time}])',
  reminders_off: '(cancel|delete|remove|clear|forget|turn off|get rid of|erase|dismiss|stop|disable|scrap)',

  weather:
    '[current|local|latest] (weather|forecast|weather forecast|weather report|weather outlook|weather conditions|weather update)',
  /** Where and when a weather question is about; both optional ("what's the weather"). */
  where_when:
    '([(in|for|at|around|near) {location}|<here>|outside|out|out there|later|in the (morning|afternoon|evening)] [[for] ({day}|<period>)]|[for] ({day}|<period>) [(in|for|at|around|near) {location}|<here>|outside]) [now|right now|currently|at the moment|at {time:ignored_time}|in {duration:days_ahead}|{duration:days_ahead} from now]',
  /** Where the user is: the skill's default location. */
  here: '(here|locally|around here|near me|nearby|in my area|in this area|where i am|in my city|in my town)',
  /** A span of days said for a forecast; it selects no single day. */
  period:
    '(this week|the week|the week ahead|[the] next (few|couple of|two|three|four|five|seven|2|3|4|5|7) days|the coming days|the rest of the week|the next week|next week)',
  weather_condition:
    '(rain|snow|storm|hail|sleet|drizzle|pour|shower|thunder|freeze|be (sunny|cold|hot|warm|windy|cloudy|rainy|snowy|stormy|nice|freezing|foggy|humid|chilly|wet|dry|clear|overcast|a nice day|colder|warmer|hotter|cooler|wetter|windier))',
  temperature: '(temperature|temp)',
  weather_now:
    '(raining|snowing|sunny|cold|hot|warm|windy|cloudy|freezing|foggy|humid|nice|chilly|pouring|drizzling|hailing|stormy|overcast|clear|wet)',
  weather_gear:
    '[a|an|my|the|some] [light|warm|winter|rain] (umbrella|brolly|jacket|coat|raincoat|sunscreen|suncream|sun cream|sunglasses|sweater|jumper|hoodie|boots|hat|gloves|scarf|layers|shorts|wellies)',
  where: '(in|over in|at) {location}',

  /** "my list", "the shopping list", "my camping list", "groceries". */
  list_ref:
    '((my|our) [{list}] list|(my|our) list of {list}|[the] [{common_list:list}] list|[my|our|the] (groceries|shopping|grocery)|[my|our|the] {common_list:list} list)',
  list_add:
    '(add|put|stick|write|pop|place|throw|include|append|jot|jot down|write down|note down|put down|enter|insert)',
  list_remove: '(remove|delete|erase|drop|get rid of|take|clear)',
  list_cross: '(cross|tick|check|strike|scratch|mark|knock|take)',
  /** No "open": "open my packing list" reads it. */
  list_create: '(start|make|create|begin|set up|new|add|start me|make me|create me|put together)',
  /** No "erase" or "clear": those empty a list (list.remove of every item) and keep it. */
  list_delete: '(delete|remove|get rid of|trash|bin|scrap|discard|throw away|throw out|destroy)',

  thanks:
    '(thanks|thank you|thank you very much|thanks a lot|thanks so much|thank you so much|many thanks|cheers|ta|thx|ty|thanks a bunch|thanks a million|much appreciated|appreciate it|i appreciate it)',
  /** An acknowledgement that closes the exchange: "ok", "cool", "got it". */
  ack: '(ok|okay|k|kk|cool|great|perfect|awesome|nice|lovely|brilliant|excellent|fantastic|wonderful|sweet|super|good|very good|alright|all right|fine|got it|gotcha|understood|noted|sounds good|will do|roger|roger that|good to know|fair enough|all good|all set|nice one)',
};
