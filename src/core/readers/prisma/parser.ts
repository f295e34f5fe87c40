// A recursive-descent parser for Prisma schema blocks. It accepts the grammar of
// @mrleebo/prisma-ast's parser and returns the same syntax tree (the library's types, the same
// nodes, values kept as their source text, `location` offsets taken from the same tokens), so the
// reader is written against the library's documented shapes; test/readers/prisma-parser.test.ts
// holds the two parsers to the same trees and the same accepted inputs. It exists because the
// library's chevrotain parser alone takes about as long as the whole `inspect` may (about 300 ms
// for 1,000 models; this one, lexer included, about 41 ms; see ARCHITECTURE.md).
//
// Each decision looks at the tokens the library's LL(k) lookahead looks at, so a broken input fails
// at the same token: e.g. a model member is a field only when its name is followed by a token a
// type can start with, and in an enum every word starts an enumerator (`A = 1` fails at `=`).

import type {
  Assignment,
  AttributeArgument,
  Block,
  BlockAttribute,
  Break,
  Comment,
  Enumerator,
  Field,
  Func,
  KeyValue,
  Attribute,
  Value,
} from '@mrleebo/prisma-ast';
import { Tok, type Tokens } from './lexer';

/** A syntax error: the token found and, when a single token was expected, its spelling. */
export interface PrismaSyntaxError {
  /** Offset of the offending token, or NaN at the end of the parsed range. */
  offset: number;
  /** The token's text; '' at the end of the parsed range. */
  found: string;
  expected: string | null;
}

/** How the library's parser names an expected token (only tokens it has a label for). */
const LABELS: Partial<Record<Tok, string>> = {
  [Tok.LineBreak]: 'LineBreak',
  [Tok.At]: "'@'",
  [Tok.AtAt]: "'@@'",
  [Tok.Dot]: "'.'",
  [Tok.Question]: "'?'",
  [Tok.LCurly]: "'{'",
  [Tok.RCurly]: "'}'",
  [Tok.LSquare]: "'['",
  [Tok.RSquare]: "']'",
  [Tok.LRound]: "'('",
  [Tok.RRound]: "')'",
  [Tok.Comma]: "','",
  [Tok.Colon]: "':'",
  [Tok.Equals]: "'='",
};

class SyntaxFailure {
  constructor(readonly error: PrismaSyntaxError) {}
}

type Location = { startOffset: number; endOffset: number };
type Located<T> = T & { location: Location };

/** Tokens a value (a field's type, an argument) can start with. */
function startsValue(k: Tok): boolean {
  return k === Tok.String || k === Tok.Number || k === Tok.LSquare || k === Tok.LCurly || k === Tok.Identifier || k === Tok.True || k === Tok.False || k === Tok.Null;
}

function isComment(k: Tok): boolean {
  return k === Tok.DocComment || k === Tok.LineComment;
}

/** Parses `tokens[from, to)` as the library's `schema` rule: blocks, comments and breaks. */
export function parseBlocks(tokens: Tokens, from: number, to: number): { blocks: Block[] } | { error: PrismaSyntaxError } {
  const p = new Parser(tokens, from, to);
  try {
    return { blocks: p.schema() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { error: e.error };
    throw e;
  }
}

class Parser {
  private readonly text: string;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(
    tokens: Tokens,
    private pos: number,
    private readonly to: number,
  ) {
    this.text = tokens.text;
    this.kinds = tokens.kind;
    this.starts = tokens.start;
    this.ends = tokens.end;
  }

  /** The kind of the token `ahead` places on (0: the current one). */
  private la(ahead = 0): Tok {
    const k = this.pos + ahead;
    return k < this.to ? (this.kinds[k] as Tok) : Tok.EOF;
  }

  private image(k: number): string {
    return this.text.slice(this.starts[k], this.ends[k]);
  }

  /** Fails at the current token. */
  private fail(expected: Tok | null = null): never {
    const k = this.pos;
    const atEnd = k >= this.to;
    throw new SyntaxFailure({
      offset: atEnd ? NaN : this.starts[k],
      found: atEnd ? '' : this.image(k),
      expected: expected === null ? null : (LABELS[expected] ?? null),
    });
  }

  /** Consumes a token of kind `k` and returns its index. */
  private consume(k: Tok): number {
    if (this.la() !== k) this.fail(k);
    return this.pos++;
  }

  /** The location of nodes the library places by several tokens: the first start, the last end. */
  private span(first: number, ...more: number[]): Location {
    let startOffset = this.starts[first];
    let endOffset = this.ends[first] - 1;
    for (const k of more) {
      if (k < 0) continue;
      if (this.starts[k] < startOffset) startOffset = this.starts[k];
      if (this.ends[k] - 1 > endOffset) endOffset = this.ends[k] - 1;
    }
    return { startOffset, endOffset };
  }

  schema(): Block[] {
    const list: Block[] = [];
    for (;;) {
      const k = this.la();
      if (isComment(k)) list.push(this.comment());
      else if (k === Tok.Identifier) list.push(this.component());
      else if (k === Tok.LineBreak) this.lineBreaks(list);
      else if (k === Tok.EOF) return list;
      else this.fail();
    }
  }

  /** One line break, or two as a `break` node (a blank line). */
  private lineBreaks(list: Array<Break | unknown>): void {
    if (this.la(1) === Tok.LineBreak) {
      this.pos += 2;
      list.push({ type: 'break' });
    } else this.pos++;
  }

  private comment(): Located<Comment> {
    const k = this.pos++;
    return { type: 'comment', text: this.image(k), location: this.span(k) } as Located<Comment>;
  }

  private component(): Block {
    const type = this.consume(Tok.Identifier);
    let name: number;
    if (this.la() === Tok.Identifier && this.la(1) === Tok.Dot) {
      this.pos += 2;
      name = this.consume(Tok.Identifier);
    } else if (this.la() === Tok.Identifier) {
      name = this.pos++;
    } else this.fail();
    const kind = this.image(type);
    const list = this.block(kind);
    const location = this.span(type, name);
    const n = this.image(name);
    switch (kind) {
      case 'datasource':
      case 'generator':
        return { type: kind, name: n, assignments: list, location } as Block;
      case 'model':
      case 'view':
      case 'type':
        return { type: kind, name: n, properties: list, location } as Block;
      case 'enum':
        return { type: kind, name: n, enumerators: list, location } as Block;
      default:
        this.pos = type;
        return this.fail();
    }
  }

  /** A block body; its members (undefined when it has none, as the library has it). */
  private block(kind: string): never[] | undefined {
    const isEnum = kind === 'enum';
    const isObject = kind === 'model' || kind === 'view' || kind === 'type';
    this.consume(Tok.LCurly);
    this.consume(Tok.LineBreak);
    const list: unknown[] = [];
    for (;;) {
      const k = this.la();
      if (isComment(k)) list.push(this.comment());
      else if (k === Tok.AtAt) list.push(this.attribute(Tok.AtAt));
      else if (k === Tok.LineBreak) this.lineBreaks(list);
      else if (k === Tok.Identifier) {
        const next = this.la(1);
        // The library's lookahead: `name = <value>` (three tokens), `name <value>`, or any word in an enum.
        const assigns = next === Tok.Equals && startsValue(this.la(2));
        if (isObject && assigns) this.property();
        else if (isObject && startsValue(next)) list.push(this.field());
        else if (isEnum) list.push(this.enumerator());
        else if (!isObject && assigns) list.push(this.assignment());
        else this.fail();
      } else break;
    }
    this.consume(Tok.RCurly);
    return (list.length > 0 ? list : undefined) as never[] | undefined;
  }

  /** `name = value` in a model: the library parses it and keeps nothing of it. */
  private property(): void {
    this.pos += 2;
    this.value();
  }

  private assignment(): Located<Assignment> {
    const key = this.pos;
    this.pos += 2;
    const value = this.value();
    return { type: 'assignment', key: this.image(key), value, location: this.span(key) } as Located<Assignment>;
  }

  private field(): Located<Field> {
    const name = this.pos++;
    const fieldType = this.value() as Field['fieldType'];
    let array = -1;
    let optional = -1;
    if (this.la() === Tok.LSquare) {
      array = this.pos++;
      this.consume(Tok.RSquare);
    } else if (this.la() === Tok.Question) {
      optional = this.pos++;
    }
    const attributes = this.attributes();
    const comment = isComment(this.la()) ? this.image(this.pos++) : undefined;
    return {
      type: 'field',
      name: this.image(name),
      fieldType,
      array: array >= 0,
      optional: optional >= 0,
      attributes,
      comment,
      location: this.span(name, optional, array),
    };
  }

  private enumerator(): Located<Enumerator> {
    const name = this.pos++;
    const attributes = this.attributes();
    const comment = isComment(this.la()) ? this.image(this.pos++) : undefined;
    return { type: 'enumerator', name: this.image(name), attributes, comment, location: this.span(name) } as Located<Enumerator>;
  }

  /** `@attr ...` after a field or enumerator; undefined when there are none. */
  private attributes(): Attribute[] | undefined {
    if (this.la() !== Tok.At) return undefined;
    const list: Attribute[] = [];
    while (this.la() === Tok.At) list.push(this.attribute(Tok.At) as Attribute);
    return list;
  }

  /** `@name`, `@group.name`, `@@name(...)`: a field (`@`) or block (`@@`) attribute. */
  private attribute(marker: Tok.At | Tok.AtAt): Located<Attribute | BlockAttribute> {
    const at = this.pos++;
    let group = -1;
    if (this.la() === Tok.Identifier && this.la(1) === Tok.Dot) {
      group = this.pos;
      this.pos += 2;
    } else if (this.la() !== Tok.Identifier) this.fail();
    const name = this.consume(Tok.Identifier);
    let args: AttributeArgument[] | undefined;
    if (this.la() === Tok.LRound) {
      this.pos++;
      const list: AttributeArgument[] = [];
      this.separated(() => list.push({ type: 'attributeArgument', value: this.argument() as AttributeArgument['value'] }), Tok.RRound);
      if (list.length > 0) args = list;
    }
    return {
      type: 'attribute',
      name: this.image(name),
      kind: marker === Tok.At ? 'field' : 'object',
      group: group >= 0 ? this.image(group) : undefined,
      args,
      location: this.span(name, at, group),
    } as Located<Attribute | BlockAttribute>;
  }

  /**
   * Items separated by commas, then `close`: the first item only when one can start here (`item`
   * fails on the others); after a comma one is required.
   */
  private separated(item: () => void, close: Tok): void {
    if (this.canStartItem(close)) {
      item();
      while (this.la() === Tok.Comma) {
        this.pos++;
        item();
      }
    }
    this.consume(close);
  }

  /** Whether the first item of a list closed by `close` starts here (`key:` pairs or values). */
  private canStartItem(close: Tok): boolean {
    const k = this.la();
    return close === Tok.RCurly ? k === Tok.Identifier : startsValue(k);
  }

  /** An argument: `key: value` or a value. */
  private argument(): KeyValue | Value {
    if (this.la() === Tok.Identifier && this.la(1) === Tok.Colon) return this.keyValue();
    return this.value();
  }

  private keyValue(): Located<KeyValue> {
    const key = this.pos;
    this.pos += 2;
    const value = this.value();
    return { type: 'keyValue', key: this.image(key), value, location: this.span(key) } as Located<KeyValue>;
  }

  private value(): Value {
    const k = this.la();
    switch (k) {
      case Tok.String:
      case Tok.Number:
      case Tok.True:
      case Tok.False:
      case Tok.Null:
        return this.image(this.pos++);
      case Tok.Identifier:
        return this.la(1) === Tok.LRound ? this.func() : this.image(this.pos++);
      case Tok.LSquare: {
        this.pos++;
        const args: Value[] = [];
        this.separated(() => args.push(this.value()), Tok.RSquare);
        return { type: 'array', args: args.length > 0 ? args : undefined } as unknown as Value;
      }
      case Tok.LCurly: {
        this.pos++;
        const properties: KeyValue[] = [];
        this.separated(() => {
          if (this.la() !== Tok.Identifier) this.fail();
          if (this.la(1) !== Tok.Colon) {
            this.pos++;
            this.fail(Tok.Colon);
          }
          properties.push(this.keyValue());
        }, Tok.RCurly);
        return { type: 'object', properties };
      }
      default:
        return this.fail();
    }
  }

  /** `name(args)`: positional arguments first, then `key: value` ones, as the library lists them. */
  private func(): Located<Func> {
    const name = this.pos;
    this.pos += 2;
    const values: Value[] = [];
    const keyed: Value[] = [];
    const item = () => {
      if (this.la() === Tok.Identifier && this.la(1) === Tok.Colon) keyed.push(this.keyValue() as unknown as Value);
      else values.push(this.value());
    };
    this.separated(item, Tok.RRound);
    const params = values.length + keyed.length > 0 ? [...values, ...keyed] : undefined;
    return { type: 'function', name: this.image(name), params, location: this.span(name) };
  }
}
