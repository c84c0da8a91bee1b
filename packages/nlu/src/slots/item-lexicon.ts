/**
 * Things people put on shopping and household lists, so that "milk eggs bread" (speech-to-text
 * writes no commas) can be heard as three items while "peanut butter" and "paper towels"
 * stay one. Written in the singular; plurals are matched by spelling rules (wordForms).
 * Only words that are items on their own belong here: a word that mostly qualifies another
 * ("organic", "frozen", "brown") is better left out, so it joins the item after it.
 */

/** One item a word, separated by spaces or line breaks. */
const SINGLE_WORDS = `
  apple banana orange lemon lime grape strawberry blueberry raspberry blackberry cherry peach
  pear plum mango pineapple watermelon melon kiwi avocado tomato potato onion garlic carrot
  celery cucumber lettuce spinach kale broccoli cauliflower cabbage zucchini courgette
  aubergine eggplant pepper mushroom corn pea bean lentil chickpea ginger basil parsley
  cilantro coriander leek asparagus beet beetroot radish squash pumpkin shallot jalapeno
  salad fruit vegetable veggies berry fig coconut nut almond walnut cashew peanut pecan
  pistachio raisin
  milk butter cheese yogurt yoghurt cream egg cheddar mozzarella parmesan feta brie margarine
  custard
  chicken beef pork lamb turkey ham bacon sausage steak mince salami pepperoni chorizo fish
  salmon tuna shrimp prawn cod sardine anchovy tofu
  bread bagel bun croissant muffin tortilla pita naan cake cookie biscuit cracker donut
  doughnut pie pastry baguette
  rice pasta spaghetti macaroni noodle flour sugar salt oil vinegar honey jam jelly marmalade
  ketchup mustard mayonnaise mayo sauce salsa pesto hummus cereal oats oatmeal porridge granola
  muesli soup broth cinnamon paprika cumin oregano vanilla yeast cocoa chocolate candy sweets
  chips crisps popcorn pretzel quinoa couscous
  coffee tea juice water soda lemonade beer wine vodka gin whiskey whisky rum cider kombucha
  pizza
  soap shampoo conditioner toothpaste toothbrush deodorant razor tissue kleenex napkin sponge
  detergent bleach battery candle lightbulb foil diaper nappy wipes floss lotion sunscreen
  mouthwash vitamins tampon bandaid plaster
`;

/** Items of several words, separated by commas or line breaks. */
const PHRASES = `
  peanut butter, almond butter, ice cream, cream cheese, sour cream, whipped cream, heavy cream,
  double cream, cottage cheese, goat cheese, string cheese, cheddar cheese, olive oil,
  vegetable oil, canola oil, sunflower oil, sesame oil, coconut oil, coconut milk, almond milk,
  oat milk, soy milk, chocolate milk, soy sauce, hot sauce, fish sauce, maple syrup,
  baking soda, baking powder, corn flakes, corn starch, ground beef, ground turkey,
  chicken breast, chicken thigh, chicken wing, chicken stock, beef stock, vegetable stock,
  pork chop, hot dog, hot dog bun, hamburger bun, burger bun, fish stick, fish finger,
  egg noodle, egg white, garlic bread, garlic powder, onion powder, chili powder, pasta sauce,
  spaghetti sauce, tomato sauce, tomato paste, tomato soup, chicken soup, chicken noodle soup,
  mushroom soup, apple sauce, apple pie, banana bread, cherry tomato, green bean, baked bean,
  kidney bean, black bean, sweet potato, bell pepper, orange pepper, lemon pepper, spring onion,
  green onion, brussels sprouts, bean sprouts, sweet corn, corn on the cob, french fries,
  hash browns, potato chips, tortilla chips, chocolate chips, chocolate bar, granola bar, cereal bar,
  protein bar, rice cake, pizza dough, puff pastry, salad dressing, coffee beans, tea bag,
  green tea, sparkling water, soda water, tonic water, coconut water, root beer, ginger ale,
  energy drink, red wine, white wine, orange juice, apple juice, grape juice, cranberry juice,
  pineapple juice, tomato juice, lemon juice, lime juice, grapefruit juice,
  paper towel, paper plate, paper cup, toilet paper, toilet roll, kitchen roll, trash bag,
  bin bag, garbage bag, dish soap, washing up liquid, dishwasher tablet, dishwasher pod,
  laundry detergent, fabric softener, hand soap, body wash, light bulb, aluminum foil,
  tin foil, plastic wrap, cling film, sandwich bag, cotton ball, cotton bud, q tips,
  dental floss, shaving cream, cat food, dog food, cat litter, dog treats, baby wipes,
  baby food
`;

/**
 * Flavours go before a few heads as one item ("strawberry jam", "vanilla ice cream"): said
 * in the singular. "bananas milk" stays two items, "banana bread" one.
 */
const FLAVOURS =
  'strawberry raspberry blueberry cherry peach vanilla chocolate banana apple orange lemon mango coconut';
const FLAVOURED_HEADS = [
  'yogurt',
  'yoghurt',
  'jam',
  'jelly',
  'ice cream',
  'pie',
  'cake',
  'muffin',
  'juice',
  'tea',
];

const words = (text: string) => text.split(/\s+/).filter((word) => word.length > 0);
const phrases = (text: string) =>
  text
    .split(/[,\n]/)
    .map(words)
    .filter((phrase) => phrase.length > 0);

/** Singular forms a spoken word may stand for: "tomatoes" -> tomato, "berries" -> berry, "loaves" -> loaf. */
export function wordForms(word: string): string[] {
  const forms = [word];
  if (word.length < 4) return forms;
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ves')) forms.push(`${word.slice(0, -3)}f`, `${word.slice(0, -3)}fe`);
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  return forms;
}

const saidAs = (token: string | undefined, word: string): boolean =>
  token !== undefined && (token === word || wordForms(token).includes(word));

/** Only the last word of an item takes a plural: "paper towels", but "apples sauce" is two things. */
const saidAsItem = (tokens: readonly string[], start: number, item: readonly string[]): boolean =>
  item.every((word, i) =>
    i === item.length - 1 ? saidAs(tokens[start + i], word) : tokens[start + i] === word,
  );

/** Known items by their first word, longest first. */
const ITEMS_BY_FIRST_WORD: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const index = new Map<string, string[][]>();
  const flavoured = words(FLAVOURS).flatMap((flavour) =>
    FLAVOURED_HEADS.map((head) => [flavour, ...words(head)]),
  );
  for (const item of [...words(SINGLE_WORDS).map((word) => [word]), ...phrases(PHRASES), ...flavoured]) {
    index.set(item[0]!, [...(index.get(item[0]!) ?? []), item]);
  }
  for (const entries of index.values()) entries.sort((a, b) => b.length - a.length);
  return index;
})();

/** End of the longest known item that starts at tokens[start] and ends by `limit`, or null. */
export function knownItemEnd(tokens: readonly string[], start: number, limit: number): number | null {
  let longest: number | null = null;
  for (const form of wordForms(tokens[start] ?? '')) {
    for (const item of ITEMS_BY_FIRST_WORD.get(form) ?? []) {
      const end = start + item.length;
      if (end > limit || (longest !== null && end <= longest)) continue;
      if (saidAsItem(tokens, start, item)) longest = end;
    }
  }
  return longest;
}
