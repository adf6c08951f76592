import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputFileError, parseIdText, readIdFile, type IdFile } from "../src/input/read-id-file.js";
import { maxIdLength } from "../src/input/id-rules.js";
import { useTempDir } from "./support/temp-dir.js";

const prospects = { kind: "crmProspectId" } as const;
const instances = { kind: "flowInstanceId" } as const;

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputFileError) return error.message.split("\n");
    throw error;
  }
  throw new Error("expected an InputFileError");
}

const ids = (file: IdFile) => file.entries.map((e) => e.id);

describe("one id per line", () => {
  it("trims whitespace and surrounding quotes, drops and counts blank lines and duplicates", () => {
    const file = parseIdText("\uFEFFa1\r\n  \"b2\"  \n\n   \n'c3'\na1\nb2\n", "p.txt", prospects);
    expect(file.format).toBe("lines");
    expect(ids(file)).toEqual(["a1", "b2", "c3"]);
    expect(file.blankLines).toBe(2);
    expect(file.duplicates).toBe(2);
    expect(file.entries.map((e) => e.line)).toEqual([1, 2, 5]);
  });

  it("reports every bad line with its number before anything else happens", () => {
    const long = "x".repeat(maxIdLength + 1);
    const lines = issuesOf(() =>
      parseIdText(`ok1\n""\nab\tcd\n${long}\nok2\n' '\nzero\u200Bwidth\n`, "leads.txt", prospects),
    );
    expect(lines).toEqual([
      "leads.txt:2: empty id",
      "leads.txt:3: id contains the control or invisible character U+0009",
      `leads.txt:4: id is ${maxIdLength + 1} characters long, more than the ${maxIdLength} allowed (is this a whole row of another file?)`,
      "leads.txt:6: empty id",
      "leads.txt:7: id contains the control or invisible character U+200B",
    ]);
  });

  it("accepts an id of exactly the longest length", () => {
    expect(ids(parseIdText(`${"y".repeat(maxIdLength)}\n`, "p.txt", prospects))).toHaveLength(1);
  });

  it("counts an empty file as no ids rather than an error", () => {
    const file = parseIdText("", "p.txt", prospects);
    expect(file.entries).toEqual([]);
    expect(file.blankLines).toBe(0);
  });
});

describe("CSV with a header", () => {
  it("reads the default column for the kind, whatever its position, and counts blank rows", () => {
    const file = parseIdText("name,crmProspectId\nAl,p1\n,\nBo,p2\r\nCy,p1\n", "c.csv", prospects);
    expect(file.format).toBe("csv");
    expect(ids(file)).toEqual(["p1", "p2"]);
    expect(file.blankLines).toBe(1);
    expect(file.duplicates).toBe(1);
    expect(file.entries.map((e) => e.line)).toEqual([2, 4]);
  });

  it("reads --column, keeps quoted commas inside a field, and numbers a multi-line record by its first line", () => {
    const file = parseIdText('Id,Note\n"a,1",x\n"b2","two\nlines"\nc3,z\n', "c.csv", { ...prospects, column: "Id" });
    expect(ids(file)).toEqual(["a,1", "b2", "c3"]);
    expect(file.entries.map((e) => e.line)).toEqual([2, 3, 5]);
  });

  it("names the missing column and the ones the header has", () => {
    expect(issuesOf(() => parseIdText("Id,Name\nx,y\n", "c.csv", prospects))).toEqual([
      'c.csv:1: the header has no column "crmProspectId" (columns: "Id", "Name"); name the column with --column',
    ]);
  });

  it("reports each bad row and each unparsable record, every one with its line", () => {
    const lines = issuesOf(() => parseIdText('crmProspectId,n\nok,1\n"",2\nbad"quote,3\nshort\n', "c.csv", prospects));
    expect(lines).toEqual(["c.csv:3: empty id", expect.stringMatching(/^c\.csv:4: not valid CSV: /)]);
  });

  it("takes each flow instance's prospect from a crmProspectId column, and refuses an instance given for two prospects", () => {
    const file = parseIdText("flowInstanceId,crmProspectId\nf1,p1\nf2,\nf1,p1\n", "i.csv", instances);
    expect(file.entries).toEqual([
      { id: "f1", line: 2, crmProspectId: "p1" },
      { id: "f2", line: 3 },
    ]);
    expect(issuesOf(() => parseIdText("flowInstanceId,crmProspectId\nf1,p1\nf1,p2\n", "i.csv", instances))).toEqual([
      "i.csv:3: f1 is given again with crmProspectId p2, but line 2 gives p1",
    ]);
  });
});

describe("JSON array", () => {
  it("reads strings and objects with the column, by extension or by a leading [", () => {
    const text = '[\n  "p1",\n  {"crmProspectId": "p2", "name": "x"},\n  "p1"\n]\n';
    const file = parseIdText(text, "ids.txt", prospects);
    expect(file.format).toBe("json");
    expect(ids(file)).toEqual(["p1", "p2"]);
    expect(file.duplicates).toBe(1);
    expect(file.entries.map((e) => e.line)).toEqual([2, 3]);
  });

  it("reports each element that is not an id, with its line, and numbers as a precision hazard", () => {
    const text = '[\n  "ok",\n  1234361284629356789,\n  null,\n  {"id": "x"},\n  "",\n  {"crmProspectId": 5}\n]';
    expect(issuesOf(() => parseIdText(text, "ids.json", prospects))).toEqual([
      "ids.json:3: ids must be JSON strings, found a number (write it in quotes: long numbers lose digits in JSON)",
      "ids.json:4: ids must be JSON strings, found null",
      'ids.json:5: the object has no "crmProspectId" property; name it with --column',
      "ids.json:6: empty id",
      'ids.json:7: "crmProspectId" must be a string, found a number',
    ]);
  });

  it("refuses JSON that does not parse, or is not an array, at the line of the problem", () => {
    expect(issuesOf(() => parseIdText('[\n "a",\n,\n "b"\n]', "ids.json", prospects))).toEqual([
      "ids.json:3: not valid JSON: value expected",
    ]);
    expect(issuesOf(() => parseIdText('{"ids": []}', "ids.json", prospects))).toEqual([
      "ids.json:1: expected a JSON array of ids, found an object",
    ]);
  });
});

describe("reading from disk", () => {
  const tmp = useTempDir("gong-flows-cli-input-");

  it("reads a file and says plainly when there is none", async () => {
    const dir = tmp();
    const path = join(dir, "p.txt");
    await writeFile(path, "a\nb\n");
    expect(ids(await readIdFile(path, prospects))).toEqual(["a", "b"]);
    await expect(readIdFile(join(dir, "missing.txt"), prospects)).rejects.toThrow(
      `${join(dir, "missing.txt")}: no such file`,
    );
  });
});
