"""Stage 1, the issue: an issue file (YAML) in, a checked, typed, normalised `Issue` out.

    schema      every key of the format, declared once (type, default, help)
    schema_doc  docs/issue-format.md's key tables, generated from the schema
    loader      YAML -> node tree with positions -> checked values -> model.Issue
    validate    the value checks the loader runs, every problem with file:line:column
    markup      `**…**` inline bold in a paragraph
    normalize   pasted copy -> typographic text (ASCII punctuation, quotes, dashes), reported
    model       the frozen values the later stages read
    edit        a block's place and lock written back into the file, comments and layout kept
    copy        copy from .docx/.txt/.md files (body: {file: …}); GB 18030 text decoded
    scaffold    `layout import` (a story as YAML) and `layout new` (a new issue file)
    jsonschema  `layout schema`: the format as JSON Schema for editors' autocompletion
    sources     picture, ad and logo files read from their headers (size, mode, profile;
                PDF artwork checked for RGB and fonts; SVG logos): refused at their line

In: a path. Out: `model.Issue` (and a normalisation report), or `InputError` carrying every
diagnostic found, in one pass. Nothing here knows fonts, pages or PDF.
"""
