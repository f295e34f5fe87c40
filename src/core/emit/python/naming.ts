// Python names for database names: model classes (singular PascalCase), attributes (snake_case,
// never a keyword or a name SQLAlchemy reserves), English singular/plural for table and
// relationship names, enum classes and members. Shared by every Python emitter, so the factories
// refer to exactly the names models.py defines.

import { lookupTable } from '../../lookup';

/** Python keywords (hard ones: they cannot be names at all). */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/**
 * Attribute names a mapped class must not use: names declarative mapping reserves, `l` (ruff's
 * E741), and module-level names generated class bodies refer to (an attribute called `text` or
 * `uuid` would shadow the import for every line after it in the class body).
 */
export const RESERVED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'metadata', 'registry', 'l', 'text', 'func', 'true', 'false', 'relationship', 'mapped_column',
  'datetime', 'decimal', 'uuid', 'list', 'int', 'str', 'float', 'bool', 'bytes',
]);

const UNCOUNTABLE = new Set([
  'data', 'metadata', 'information', 'info', 'equipment', 'news', 'series', 'species', 'sheep', 'fish',
  'deer', 'moose', 'feedback', 'staff', 'software', 'hardware', 'firmware', 'media', 'money', 'music',
  'traffic', 'rice', 'evidence', 'knowledge', 'luggage', 'baggage', 'furniture', 'advice', 'homework',
  'research', 'aircraft', 'offspring', 'personnel', 'police', 'analytics', 'physics', 'mathematics',
  'economics', 'ethics', 'progress', 'chaos', 'weather', 'audio', 'mail', 'spam', 'trash', 'garbage',
  'inventory', 'cattle', 'swine', 'salmon', 'trout', 'corps', 'means', 'headquarters', 'gear',
  'pants', 'scissors', 'clothes', 'alms', 'thanks', 'goods', 'savings', 'earnings', 'proceeds',
]);

/** Irregular singular → plural pairs (lower case). */
const IRREGULAR: Readonly<Record<string, string>> = lookupTable({
  person: 'people', child: 'children', man: 'men', woman: 'women', mouse: 'mice', goose: 'geese',
  foot: 'feet', tooth: 'teeth', ox: 'oxen', criterion: 'criteria', phenomenon: 'phenomena',
  matrix: 'matrices', vertex: 'vertices', appendix: 'appendices', cactus: 'cacti', fungus: 'fungi',
  nucleus: 'nuclei', radius: 'radii', syllabus: 'syllabi', stimulus: 'stimuli', alumnus: 'alumni',
  curriculum: 'curricula', analysis: 'analyses', crisis: 'crises', thesis: 'theses',
  diagnosis: 'diagnoses', hypothesis: 'hypotheses', synopsis: 'synopses', parenthesis: 'parentheses',
  axis: 'axes', ellipsis: 'ellipses', oasis: 'oases', leaf: 'leaves', knife: 'knives', wife: 'wives',
  life: 'lives', half: 'halves', shelf: 'shelves', wolf: 'wolves', thief: 'thieves', loaf: 'loaves',
  calf: 'calves', self: 'selves', elf: 'elves', scarf: 'scarves', hero: 'heroes', potato: 'potatoes',
  tomato: 'tomatoes', echo: 'echoes', veto: 'vetoes', torpedo: 'torpedoes', quiz: 'quizzes',
  genus: 'genera', corpus: 'corpora', die: 'dice', index: 'indexes', status: 'statuses',
  campus: 'campuses', bus: 'buses', virus: 'viruses', bonus: 'bonuses', census: 'censuses',
  alias: 'aliases', canvas: 'canvases', gas: 'gases', atlas: 'atlases', bias: 'biases', lens: 'lenses',
  iris: 'irises', focus: 'focuses', plus: 'pluses', octopus: 'octopuses', prospectus: 'prospectuses',
  apparatus: 'apparatuses', walrus: 'walruses', chorus: 'choruses', circus: 'circuses',
  sinus: 'sinuses', minus: 'minuses', thesaurus: 'thesauri', datum: 'data',
});
const IRREGULAR_PLURALS: Readonly<Record<string, string>> = lookupTable({
  ...Object.fromEntries(Object.entries(IRREGULAR).map(([s, p]) => [p, s])),
  indices: 'index',
});

/** Words ending in -ie whose plural is -ies (so "movies" is not "movy"). */
const IE_WORDS = new Set([
  'movie', 'cookie', 'pie', 'tie', 'lie', 'zombie', 'rookie', 'calorie', 'selfie', 'hippie', 'prairie',
  'genie', 'sortie', 'smoothie', 'brownie', 'goalie', 'freebie', 'hoodie', 'newbie', 'auntie', 'birdie',
  'collie', 'eyrie', 'kiddie', 'lassie', 'magpie', 'necktie', 'oldie', 'pixie', 'pinkie', 'reverie',
  'talkie', 'techie', 'toughie', 'yuppie', 'veggie', 'junkie', 'bookie', 'goodie', 'groupie', 'indie',
  'menagerie', 'lingerie', 'specie', 'budgie', 'hottie', 'quickie', 'sweetie', 'cutie', 'boogie',
]);
/** Words ending in -che, -use, -oe, -se whose plural just adds -s. */
const E_WORDS = new Set([
  'cache', 'niche', 'headache', 'ache', 'avalanche', 'cliche', 'creche', 'moustache', 'mustache',
  'microfiche', 'psyche', 'quiche', 'tranche', 'douche', 'excuse', 'abuse', 'fuse', 'refuse', 'muse',
  'accuse', 'ruse', 'misuse', 'reuse', 'use', 'shoe', 'toe', 'canoe', 'oboe', 'foe', 'hoe', 'floe',
  'tiptoe', 'horseshoe', 'doe', 'woe', 'sloe', 'throe', 'overuse', 'disuse', 'cause', 'clause', 'pause',
  'house', 'warehouse', 'blouse', 'spouse', 'mouse',
]);
/** Singular nouns that end in -s (the -s is not a plural). */
const S_SINGULARS = new Set([
  'canvas', 'gas', 'alias', 'atlas', 'bias', 'pancreas', 'lens', 'iris', 'bus', 'plus', 'minus',
  'yes', 'this', 'his', 'chassis', 'corps', 'always', 'perhaps', 'whereas', 'christmas', 'texas',
  'kansas', 'arkansas', 'sms', 'dns', 'os', 'ios', 'gps', 'cms', 'aws', 'ups', 'https', 'kudos',
  'pathos', 'ethos', 'logos', 'cosmos', 'rhinoceros', 'asbestos',
]);
/** -men endings that are not plurals of -man. */
const MEN_SINGULARS = new Set(['specimen', 'abdomen', 'omen', 'stamen', 'amen', 'semen', 'regimen', 'hymen', 'acumen', 'albumen']);
/** -man endings whose plural is -men. */
const MAN_WORDS = /^(man|woman|(chair|sales|fire|police|post|fisher|spokes|business|crafts|gentle|fresh|committee|congress|middle|sports|work|fore|door|mail|handy|camera|repair|delivery|foot|horse|milk|noble|clergy|lay|country|tradesman|alder|long|sea|air)(wo)?man)$/;

/**
 * The singular of an English noun, or of the last word of a name (`order_lines` → `order_line`,
 * `UserAccounts` → `UserAccount`), keeping the word's case style.
 */
export function singular(name: string): string {
  return onLastWord(name, singularWord);
}

/** The plural of an English noun, or of the last word of a name (`order_line` → `order_lines`). */
export function plural(name: string): string {
  return onLastWord(name, pluralWord);
}

/** Applies a lower-case word transformation to the last word of a name, keeping its case style. */
function onLastWord(name: string, change: (word: string) => string): string {
  const m = /^(.*?)([A-Z]?[a-z]+|[A-Z]+|[0-9]+)$/.exec(name);
  if (!m || /^[0-9]+$/.test(m[2])) return name;
  const [, head, word] = m;
  const lower = word.toLowerCase();
  const changed = change(lower);
  if (changed === lower) return name;
  if (word === word.toUpperCase() && word.length > 1) return head + changed.toUpperCase();
  if (word[0] === word[0].toUpperCase()) return head + changed[0].toUpperCase() + changed.slice(1);
  return head + changed;
}

function singularWord(w: string): string {
  if (UNCOUNTABLE.has(w) || IRREGULAR[w] !== undefined || S_SINGULARS.has(w)) return w;
  if (IRREGULAR_PLURALS[w]) return IRREGULAR_PLURALS[w];
  if (w.endsWith('people')) return `${w.slice(0, -6)}person`;
  if (w.endsWith('children')) return `${w.slice(0, -8)}child`;
  if (w.endsWith('men') && !MEN_SINGULARS.has(w) && w.length > 3) return `${w.slice(0, -3)}man`;
  if (w.length <= 2 || !w.endsWith('s') || /(ss|us|is)$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return IE_WORDS.has(w.slice(0, -1)) ? w.slice(0, -1) : `${w.slice(0, -3)}y`;
  if (w.endsWith('es')) {
    const stem = w.slice(0, -1);
    if (E_WORDS.has(stem) || [...E_WORDS].some((e) => e.length > 4 && stem.endsWith(e))) return stem;
    if (/(ss|x|zz|ch|sh|o)es$/.test(w)) return w.slice(0, -2);
    if (/[^aeiou]uses$/.test(w)) return w.slice(0, -2);
    if (/(as|is|us)es$/.test(w) && S_SINGULARS.has(w.slice(0, -2))) return w.slice(0, -2);
  }
  return w.slice(0, -1);
}

function pluralWord(w: string): string {
  if (UNCOUNTABLE.has(w) || IRREGULAR_PLURALS[w]) return w;
  if (IRREGULAR[w]) return IRREGULAR[w];
  const asSingular = singularWord(w);
  if (asSingular !== w && pluralWord(asSingular) === w) return w;
  if (w.endsWith('person')) return `${w.slice(0, -6)}people`;
  if (w.endsWith('child')) return `${w.slice(0, -5)}children`;
  if (MAN_WORDS.test(w)) return `${w.slice(0, -3)}men`;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/sis$/.test(w)) return `${w.slice(0, -2)}es`;
  if (/(s|x|z|ch|sh)$/.test(w)) return `${w}es`;
  return `${w}s`;
}

/**
 * Splits a database name into lower-case ASCII words: at non-alphanumerics and at case changes
 * (`OrderLines`, `HTTPStatus`, `user_id`, `first name`). Accents are dropped (`café` → `cafe`).
 */
export function words(name: string): string[] {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const spaced = ascii
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[^A-Za-z0-9]+/g, ' ');
  return spaced.trim().split(' ').filter((w) => w.length > 0).map((w) => w.toLowerCase());
}

/** snake_case of a name (`userId` → `user_id`); empty when the name has no ASCII letters or digits. */
export function snakeCase(name: string): string {
  return words(name).join('_');
}

/** PascalCase of a name (`order_status` → `OrderStatus`). */
export function pascalCase(name: string): string {
  return words(name).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/**
 * The model class name for a table (without its schema): singular PascalCase, a valid Python
 * identifier (`order_lines` → `OrderLine`, `people` → `Person`, `2fa_codes` → `Table2faCode`).
 */
export function className(table: string): string {
  const parts = words(table);
  if (parts.length === 0) return 'Table';
  parts[parts.length - 1] = singularWord(parts[parts.length - 1]);
  let name = parts.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  if (/^[0-9]/.test(name)) name = `Table${name}`;
  if (PYTHON_KEYWORDS.has(name)) name = `${name}Model`;
  return name;
}

/**
 * The attribute name for a column: snake_case, a valid identifier that is neither a keyword nor
 * reserved (`userId` → `user_id`, `class` → `class_`, `metadata` → `metadata_`, `2fa` → `col_2fa`).
 */
export function attributeName(column: string): string {
  let name = snakeCase(column);
  if (name === '') return 'col';
  if (/^[0-9]/.test(name)) name = `col_${name}`;
  if (PYTHON_KEYWORDS.has(name) || RESERVED_ATTRIBUTES.has(name)) name = `${name}_`;
  return name;
}

/** The Python enum class name for an enum type name (`order_status` → `OrderStatus`). */
export function enumClassName(typeName: string): string {
  const name = pascalCase(typeName);
  if (name === '') return 'Choice';
  return /^[0-9]/.test(name) ? `Enum${name}` : name;
}

/** An enum member name for a database label (`in-progress` → `IN_PROGRESS`, `''` → `EMPTY`). */
export function enumMemberName(label: string): string {
  const name = words(label).join('_').toUpperCase();
  if (label === '') return 'EMPTY';
  if (name === '') return 'VALUE';
  return /^[0-9]/.test(name) ? `VALUE_${name}` : name;
}

/** Hands out names that differ from every name taken so far, by suffixing `_2`, `_3`... */
export class UniqueNames {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string> = []) {
    this.taken = new Set(taken);
  }

  /** Tells whether a name is already taken. */
  has(name: string): boolean {
    return this.taken.has(name);
  }

  /** Takes `wanted` if free, else the first free `wanted<sep>N` from N = 2. */
  take(wanted: string, sep = '_'): string {
    let name = wanted;
    for (let i = 2; this.taken.has(name); i++) name = `${wanted}${sep}${i}`;
    this.taken.add(name);
    return name;
  }
}
