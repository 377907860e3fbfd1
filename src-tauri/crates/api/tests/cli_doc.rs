//! `docs/CLI.md` must keep up with the API. Its `## Methods` section has one
//! heading `` ### `name` `` per name in [`tasking_api::METHODS`], in that
//! order, and no other; each method's part names every field of its
//! parameters as `field:`; every field of every result appears somewhere in
//! the doc; and every `"method": "name"` in an example is a real method.
//! Adding, renaming or removing a method or a field without documenting it
//! fails here.
//!
//! Fields are read from the generated TypeScript ([`tasking_api::typescript`]),
//! the same rendering that `ui/src/lib/bindings.ts` is checked against.

use std::collections::HashMap;

use tasking_api::METHODS;

const DOC_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../docs/CLI.md");

/// The section that documents the methods.
const SECTION: &str = "## Methods";

#[test]
fn cli_doc_documents_every_method() {
    let doc =
        std::fs::read_to_string(DOC_PATH).unwrap_or_else(|e| panic!("cannot read {DOC_PATH}: {e}"));
    let problems = problems(&doc, METHODS, &tasking_api::typescript());
    assert!(
        problems.is_empty(),
        "docs/CLI.md is out of date with tasking-api:\n- {}",
        problems.join("\n- ")
    );
}

/// What is wrong between `doc` and the API (`methods`, and `ts`, the
/// generated TypeScript); empty when they agree.
fn problems(doc: &str, methods: &[&str], ts: &str) -> Vec<String> {
    let mut out = Vec::new();
    let sections = method_sections(doc, &mut out);
    let documented: Vec<&str> = sections.iter().map(|(name, _)| *name).collect();
    for m in methods {
        match documented.iter().filter(|d| *d == m).count() {
            0 => out.push(format!(
                "method `{m}` has no heading \"### `{m}`\" under {SECTION}"
            )),
            1 => {}
            n => out.push(format!("method `{m}` has {n} headings under {SECTION}")),
        }
    }
    for d in &documented {
        if !methods.contains(d) {
            out.push(format!("{SECTION} documents `{d}`, which METHODS lacks"));
        }
    }
    if out.is_empty() && documented != methods {
        out.push(format!(
            "{SECTION} lists the methods in another order than METHODS: {methods:?}"
        ));
    }
    for name in example_methods(doc) {
        if !methods.contains(&name) {
            out.push(format!("an example calls `{name}`, which METHODS lacks"));
        }
    }
    let (types, commands) = typescript_shapes(ts);
    // Guards the parsing below: were the TypeScript's format to change, the
    // field checks would find nothing and pass.
    for m in methods {
        if !commands.iter().any(|(name, _, _)| name == m) {
            out.push(format!(
                "the generated TypeScript has no command `{m}`: has its format changed?"
            ));
        }
    }
    for (method, params, result) in commands {
        let section = sections.iter().find(|(name, _)| *name == method);
        for field in types.get(params).into_iter().flatten() {
            if section.is_some_and(|(_, text)| !text.contains(&format!("{field}:"))) {
                out.push(format!(
                    "`{method}`'s part does not name its parameter `{field}:` ({params})"
                ));
            }
        }
        let result = result
            .strip_prefix("Array<")
            .and_then(|r| r.strip_suffix('>'))
            .unwrap_or(result);
        for field in types.get(result).into_iter().flatten() {
            if !has_word(doc, field) {
                out.push(format!(
                    "the doc never names `{field}`, a field of `{method}`'s result ({result})"
                ));
            }
        }
    }
    out
}

/// Each method heading's name and the text under it, from the methods
/// section. Any other `###` heading there is reported, so nothing slips past
/// as prose.
fn method_sections<'d>(doc: &'d str, problems: &mut Vec<String>) -> Vec<(&'d str, String)> {
    let mut lines = doc.lines().skip_while(|l| l.trim_end() != SECTION);
    if lines.next().is_none() {
        problems.push(format!("docs/CLI.md has no \"{SECTION}\" section"));
        return Vec::new();
    }
    let mut sections: Vec<(&str, String)> = Vec::new();
    for line in lines.take_while(|l| !l.starts_with("## ")) {
        let Some(heading) = line.strip_prefix("### ") else {
            if let Some((_, text)) = sections.last_mut() {
                text.push_str(line);
                text.push('\n');
            }
            continue;
        };
        let name = heading
            .trim_end()
            .strip_prefix('`')
            .and_then(|h| h.strip_suffix('`'))
            .filter(|n| !n.is_empty() && !n.contains('`'));
        match name {
            Some(n) => sections.push((n, String::new())),
            None => problems.push(format!(
                "under {SECTION}, heading {line:?} is not of the form ### `method_name`"
            )),
        }
    }
    sections
}

/// Method names in example requests: `"method": "name"`, with or without
/// spaces. The placeholder `"..."` is skipped.
fn example_methods(doc: &str) -> Vec<&str> {
    let key = "\"method\"";
    let mut names = Vec::new();
    let mut rest = doc;
    while let Some(at) = rest.find(key) {
        // A request's `"method"` opens its object; a `"method"` further in
        // is a parameter (`kiosk_sign`'s drawn or typed).
        let opens_object = rest[..at].trim_end().ends_with('{');
        rest = &rest[at + key.len()..];
        if !opens_object {
            continue;
        }
        let value = rest.trim_start().strip_prefix(':').map(str::trim_start);
        if let Some(name) = value
            .and_then(|v| v.strip_prefix('"'))
            .and_then(|v| v.split_once('"'))
            .map(|(name, _)| name)
            .filter(|name| *name != "...")
        {
            names.push(name);
        }
    }
    names
}

/// Each object type's field names, by type name.
type Fields<'t> = HashMap<&'t str, Vec<&'t str>>;
/// A command's name, parameter type and result type.
type Command<'t> = (&'t str, &'t str, &'t str);

/// From the generated TypeScript: each object type's fields, and each command.
fn typescript_shapes(ts: &str) -> (Fields<'_>, Vec<Command<'_>>) {
    let mut types = Fields::new();
    let mut commands = Vec::new();
    let mut current: Option<&str> = None;
    let mut in_commands = false;
    for line in ts.lines().map(str::trim) {
        if in_commands {
            in_commands = line != "}";
            // `  name: { params: P, result: R };`
            commands.extend(line.split_once(": { params: ").and_then(|(name, shape)| {
                let (params, result) = shape.strip_suffix(" };")?.split_once(", result: ")?;
                Some((name, params, result))
            }));
            continue;
        }
        if line.starts_with("export interface Commands") {
            in_commands = true;
            continue;
        }
        // An object type opens with `export type Name = {`; its fields
        // follow, between doc comments, up to `};` (possibly on one line).
        let body = match line.strip_prefix("export type ") {
            Some(rest) => match rest.split_once(" = {") {
                Some((name, body)) => {
                    current = Some(name);
                    types.entry(name).or_default();
                    body
                }
                None => {
                    current = None;
                    continue;
                }
            },
            None if line.starts_with('/') || line.starts_with('*') => continue,
            None => line,
        };
        let Some(name) = current else { continue };
        for piece in body.split(", ") {
            if let Some((field, _)) = piece.trim().split_once(": ") {
                types.entry(name).or_default().push(field);
            }
        }
        if body.ends_with("};") {
            current = None;
        }
    }
    (types, commands)
}

/// Whether `word` occurs in `text` not as part of a longer identifier.
fn has_word(text: &str, word: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word)
        .any(|(at, _)| !text[..at].ends_with(ident) && !text[at + word.len()..].starts_with(ident))
}

#[test]
fn the_check_catches_drift() {
    let ts = "export type P = { \n/**\n * A doc: comment.\n */\nx: number, \ny: string, };\n\
              export type R = { \nz: boolean, };\n\
              export interface Commands {\n  a: { params: P, result: R };\n  b: { params: NoParams, result: null };\n}\n";
    let doc = "# x\n\nz\n\n{\"method\": \"...\"}\n\n## Methods\n\n### `a`\n\n`{x: number, y: string}`\n\n### `b`\n\n## Next\n\n### `z`\n";
    assert_eq!(problems(doc, &["a", "b"], ts), Vec::<String>::new());
    // A method added to METHODS but not documented (nor in `ts`).
    assert_eq!(problems(doc, &["a", "b", "c"], ts).len(), 2);
    // A method documented but gone from METHODS.
    assert_eq!(problems(doc, &["a"], ts).len(), 1);
    // Out of order.
    assert_eq!(problems(doc, &["b", "a"], ts).len(), 1);
    // A heading that is not a method heading.
    assert_eq!(
        problems(&doc.replace("### `b`", "### b"), &["a"], ts).len(),
        1
    );
    // An example calling a method that does not exist.
    let stale = format!("{doc}\n{{\"method\":\"gone\", \"params\": {{}}}}\n");
    assert_eq!(problems(&stale, &["a", "b"], ts).len(), 1);
    // A parameter field added but not documented.
    let more = ts.replace("y: string, };", "y: string, \nw: number, };");
    assert_eq!(problems(doc, &["a", "b"], &more).len(), 1);
    // A result field the doc never names.
    let result = ts.replace("z: boolean, };", "z: boolean, \nzz: number, };");
    assert_eq!(problems(doc, &["a", "b"], &result).len(), 1);
    // No methods section at all.
    assert!(!problems("# x\n", &["a"], ts).is_empty());
}
