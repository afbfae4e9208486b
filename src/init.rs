//! `factdiff init`: recognizes how a tree lays out its language versions and writes the
//! `factdiff.yaml` that describes it.
//!
//! Recognition looks only at paths (relative, `/`-separated, as the walk of `lint` sees them),
//! in this order, the first layout found winning:
//!
//! 1. Docusaurus: `docs/x.md` + `i18n/fr/docusaurus-plugin-content-docs/current/x.md`;
//! 2. suffixed folders (Hugo, tldr-pages): `content/x.md` + `content.fr/x.md`;
//! 3. language folders (VitePress, Starlight, Hugo): `docs/x.md` + `docs/fr/x.md`, or every
//!    language in its folder (`content/en/x.md` + `content/fr/x.md`);
//! 4. suffixed files (MkDocs i18n, Hugo): `x.md` + `x.fr.md`, or `x.en.md` + `x.fr.md`;
//!
//! then, in a tree with no such documents, translation files:
//!
//! 5. Android resources: `res/values/strings.xml` + `res/values-fr/strings.xml`;
//! 6. Java resource bundles: `messages.properties` + `messages_fr.properties`;
//! 7. Rails message files: `config/locales/en.yml` + `config/locales/fr.yml`;
//! 8. gettext catalogues (Sphinx): `locale/fr/LC_MESSAGES/index.po`, each holding the source
//!    texts and their translations.
//!
//! A path part names a language only when a language pack has that code. The files without a
//! language are taken to be English (`en`), the default of all these tools; the written file says
//! so where to change it.

use std::collections::BTreeSet;

/// The language of files whose path names none.
const DEFAULT_LANG: &str = "en";

/// The extensions of documents `init` looks for.
const DOCUMENTS: [&str; 6] = ["md", "markdown", "mdx", "html", "htm", "xhtml"];

/// A recognized layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// What was recognized, for people: "suffixed folders: content/ + content.fr/".
    pub name: String,
    /// The set pattern, with `{lang}`.
    pub pattern: String,
    /// The pattern of the default language's versions, when their paths carry no language.
    pub default: Option<String>,
}

impl Layout {
    /// The configuration file describing the layout.
    pub fn yaml(&self) -> String {
        let mut yaml = format!(
            "# Written by `factdiff init` for the layout it recognized: {}.\n# See docs/config.md for every key.\nsets:\n  - pattern: \"{}\"\n",
            self.name, self.pattern
        );
        match &self.default {
            Some(default) => yaml.push_str(&format!(
                "    # The files whose path names no language are in this language:\n    default: {{{DEFAULT_LANG}: \"{default}\"}}\n"
            )),
            None => yaml.push_str(&format!("    reference: {DEFAULT_LANG}\n")),
        }
        yaml
    }
}

/// The layout of a tree given its file paths; `None` when no layout pairs any files.
pub fn recognize(paths: &[String], is_lang: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let documents: Vec<Vec<&str>> = paths
        .iter()
        .filter(|p| extension(p).is_some_and(|e| DOCUMENTS.contains(&e.as_str())))
        .map(|p| p.split('/').collect())
        .collect();
    let all: Vec<Vec<&str>> = paths.iter().map(|p| p.split('/').collect()).collect();
    docusaurus(&documents, is_lang)
        .or_else(|| suffixed_folders(&documents, is_lang))
        .or_else(|| language_folders(&documents, is_lang))
        .or_else(|| suffixed_files(&documents, is_lang))
        .or_else(|| android(&all, is_lang))
        .or_else(|| resource_bundles(&all, is_lang))
        .or_else(|| rails(&all, is_lang))
        .or_else(|| gettext(&all, is_lang))
}

/// `res/values-fr/x.xml` beside `res/values/x.xml`.
fn android(paths: &[Vec<&str>], is_lang: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let in_values = |p: &Vec<&str>, folder: &dyn Fn(&str) -> bool| {
        p.len() > 2
            && p[p.len() - 3] == "res"
            && folder(p[p.len() - 2])
            && p[p.len() - 1].ends_with(".xml")
    };
    let translated = paths
        .iter()
        .any(|p| in_values(p, &|f| f.strip_prefix("values-").is_some_and(is_lang)));
    let default = paths.iter().any(|p| in_values(p, &|f| f == "values"));
    (translated && default).then(|| Layout {
        name: "Android resources: res/values/ + res/values-{lang}/".into(),
        pattern: "**/res/values-{lang}/*.xml".into(),
        default: Some("**/res/values/*.xml".into()),
    })
}

/// `x_fr.properties` beside `x.properties`.
fn resource_bundles(paths: &[Vec<&str>], is_lang: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let joined: BTreeSet<String> = paths.iter().map(|p| p.join("/")).collect();
    joined
        .iter()
        .any(|path| {
            path.strip_suffix(".properties")
                .and_then(|stem| stem.rsplit_once('_'))
                .is_some_and(|(base, lang)| {
                    is_lang(lang) && joined.contains(&format!("{base}.properties"))
                })
        })
        .then(|| Layout {
            name: "Java resource bundles: x.properties + x_{lang}.properties".into(),
            pattern: "**/*_{lang}.properties".into(),
            default: Some("**/*.properties".into()),
        })
}

/// `config/locales/fr.yml`: one file per language, the language its root key.
fn rails(paths: &[Vec<&str>], is_lang: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let folder = paths.iter().find_map(|p| {
        let (name, folder) = p.split_last()?;
        let (lang, ext) = name.rsplit_once('.')?;
        let in_locales = folder.last() == Some(&"locales");
        (in_locales && is_lang(lang) && matches!(ext, "yml" | "yaml"))
            .then(|| (folder.join("/"), ext.to_string()))
    });
    let (folder, ext) = folder?;
    Some(Layout {
        name: format!("YAML message files: {folder}/{{lang}}.{ext}"),
        pattern: format!("{folder}/{{lang}}.{ext}"),
        default: None,
    })
}

/// `locale/fr/LC_MESSAGES/x.po`: the source texts are in each catalogue.
fn gettext(paths: &[Vec<&str>], is_lang: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let prefix = paths.iter().find_map(|p| {
        let at = p.iter().position(|part| *part == "LC_MESSAGES")?;
        let catalogue = at >= 1 && is_lang(p[at - 1]) && p.last()?.ends_with(".po");
        catalogue.then(|| {
            p[..at - 1]
                .iter()
                .map(|part| format!("{part}/"))
                .collect::<String>()
        })
    })?;
    Some(Layout {
        name: format!("gettext catalogues: {prefix}{{lang}}/LC_MESSAGES/"),
        pattern: format!("{prefix}{{lang}}/LC_MESSAGES/**/*.po"),
        default: None,
    })
}

fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next()?;
    name.rsplit_once('.').map(|(_, e)| e.to_lowercase())
}

/// `md`, or `{md,mdx}` when the documents use several extensions.
fn extensions<'a>(documents: impl Iterator<Item = &'a Vec<&'a str>>) -> String {
    let found: BTreeSet<String> = documents
        .filter_map(|parts| extension(parts.last()?))
        .collect();
    match found.len() {
        0 | 1 => found.into_iter().next().unwrap_or_else(|| "md".into()),
        _ => format!("{{{}}}", found.into_iter().collect::<Vec<_>>().join(",")),
    }
}

fn docusaurus(documents: &[Vec<&str>], is_lang: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let translated = documents.iter().any(|p| {
        p.len() > 4
            && p[0] == "i18n"
            && is_lang(p[1])
            && p[2] == "docusaurus-plugin-content-docs"
            && p[3] == "current"
    });
    let docs: Vec<&Vec<&str>> = documents
        .iter()
        .filter(|p| p.len() > 1 && p[0] == "docs")
        .collect();
    if !translated || docs.is_empty() {
        return None;
    }
    let ext = extensions(docs.into_iter());
    Some(Layout {
        name: "Docusaurus: docs/ + i18n/{lang}/docusaurus-plugin-content-docs/current/".into(),
        pattern: format!("i18n/{{lang}}/docusaurus-plugin-content-docs/current/**/*.{ext}"),
        default: Some(format!("docs/**/*.{ext}")),
    })
}

fn suffixed_folders(documents: &[Vec<&str>], is_lang: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let tops: BTreeSet<&str> = documents
        .iter()
        .filter(|p| p.len() > 1)
        .map(|p| p[0])
        .collect();
    let base = tops.iter().find_map(|top| {
        let (base, lang) = top.rsplit_once('.')?;
        (is_lang(lang) && tops.contains(base)).then_some(base)
    })?;
    let ext = extensions(documents.iter().filter(|p| p[0] == base));
    Some(Layout {
        name: format!("suffixed folders: {base}/ + {base}.{{lang}}/"),
        pattern: format!("{base}.{{lang}}/**/*.{ext}"),
        default: Some(format!("{base}/**/*.{ext}")),
    })
}

/// The folder holding language folders (`docs` of `docs/fr/x.md`; `` at the top), the shortest
/// one found.
fn language_folders(documents: &[Vec<&str>], is_lang: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let parent = documents
        .iter()
        .filter_map(|p| {
            let at = p[..p.len() - 1].iter().position(|part| is_lang(part))?;
            Some(p[..at].join("/"))
        })
        .min_by_key(|parent| (parent.matches('/').count(), parent.clone()))?;
    let prefix = if parent.is_empty() {
        String::new()
    } else {
        format!("{parent}/")
    };
    let inside: Vec<&Vec<&str>> = documents
        .iter()
        .filter(|p| p.join("/").starts_with(&prefix))
        .collect();
    let depth = if parent.is_empty() {
        0
    } else {
        parent.split('/').count()
    };
    let unnamed = inside.iter().any(|p| !is_lang(p[depth]));
    let ext = extensions(inside.into_iter());
    Some(if unnamed {
        Layout {
            name: format!(
                "language folders beside the default language: {prefix}x + {prefix}{{lang}}/x"
            ),
            pattern: format!("{prefix}{{lang}}/**/*.{ext}"),
            default: Some(format!("{prefix}**/*.{ext}")),
        }
    } else {
        Layout {
            name: format!("a folder per language: {prefix}{{lang}}/"),
            pattern: format!("{prefix}{{lang}}/**/*.{ext}"),
            default: None,
        }
    })
}

fn suffixed_files(documents: &[Vec<&str>], is_lang: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let all: BTreeSet<String> = documents.iter().map(|p| p.join("/")).collect();
    let mut default = false;
    let mut tops = BTreeSet::new();
    let mut suffixed = Vec::new();
    for path in &all {
        let Some((stem, ext)) = path.rsplit_once('.') else {
            continue;
        };
        let Some((name, lang)) = stem.rsplit_once('.') else {
            continue;
        };
        if !is_lang(lang) || name.ends_with('/') {
            continue;
        }
        default |= all.contains(&format!("{name}.{ext}"));
        tops.insert(path.split_once('/').map(|(top, _)| top));
        suffixed.push(path.split('/').collect::<Vec<_>>());
    }
    if suffixed.is_empty() {
        return None;
    }
    let prefix = match tops.iter().collect::<Vec<_>>()[..] {
        [Some(top)] => format!("{top}/"),
        _ => String::new(),
    };
    let ext = extensions(suffixed.iter());
    Some(Layout {
        name: format!("suffixed files: {prefix}x.{{lang}}.{ext}"),
        pattern: format!("{prefix}**/*.{{lang}}.{ext}"),
        default: default.then(|| format!("{prefix}**/*.{ext}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(paths: &[&str]) -> Option<Layout> {
        let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
        recognize(&paths, &|code| ["en", "fr", "ru", "pt-BR"].contains(&code))
    }

    fn patterns(paths: &[&str]) -> (String, Option<String>) {
        let found = layout(paths).expect("a layout");
        (found.pattern, found.default)
    }

    #[test]
    fn each_layout_is_recognized() {
        assert_eq!(
            patterns(&[
                "docs/a/x.md",
                "docs/y.mdx",
                "i18n/fr/docusaurus-plugin-content-docs/current/a/x.md"
            ]),
            (
                "i18n/{lang}/docusaurus-plugin-content-docs/current/**/*.{md,mdx}".into(),
                Some("docs/**/*.{md,mdx}".into())
            )
        );
        assert_eq!(
            patterns(&["pages/common/tar.md", "pages.fr/common/tar.md", "README.md"]),
            ("pages.{lang}/**/*.md".into(), Some("pages/**/*.md".into()))
        );
        assert_eq!(
            patterns(&["docs/guide/x.md", "docs/fr/guide/x.md", "docs/index.md"]),
            ("docs/{lang}/**/*.md".into(), Some("docs/**/*.md".into()))
        );
        assert_eq!(
            patterns(&["content/en/x.md", "content/fr/x.md"]),
            ("content/{lang}/**/*.md".into(), None)
        );
        assert_eq!(
            patterns(&["docs/x.md", "docs/a/x.fr.md", "docs/a/x.md"]),
            ("docs/**/*.{lang}.md".into(), Some("docs/**/*.md".into()))
        );
        assert_eq!(
            patterns(&["a/x.en.md", "b/x.pt-BR.md"]),
            ("**/*.{lang}.md".into(), None)
        );
    }

    #[test]
    fn translation_file_layouts_are_recognized() {
        assert_eq!(
            patterns(&[
                "app/src/main/res/values/strings.xml",
                "app/src/main/res/values-fr/strings.xml",
                "app/src/main/res/values-night/colors.xml"
            ]),
            (
                "**/res/values-{lang}/*.xml".into(),
                Some("**/res/values/*.xml".into())
            )
        );
        assert_eq!(
            patterns(&["src/messages.properties", "src/messages_fr.properties"]),
            (
                "**/*_{lang}.properties".into(),
                Some("**/*.properties".into())
            )
        );
        assert_eq!(
            patterns(&[
                "config/locales/en.yml",
                "config/locales/fr.yml",
                "config/app.yml"
            ]),
            ("config/locales/{lang}.yml".into(), None)
        );
        assert_eq!(
            patterns(&["docs/conf.py", "docs/locale/fr/LC_MESSAGES/index.po"]),
            ("docs/locale/{lang}/LC_MESSAGES/**/*.po".into(), None)
        );
        // A bundle with no default file, a values-de/ with no pack: nothing.
        assert_eq!(layout(&["a/messages_fr.properties"]), None);
        assert_eq!(layout(&["res/values/a.xml", "res/values-de/a.xml"]), None);
    }

    #[test]
    fn no_language_no_layout() {
        assert_eq!(
            layout(&["docs/x.md", "docs/guide/y.md", "src/main.rs"]),
            None
        );
        // `de` has no pack here: not a language.
        assert_eq!(layout(&["docs/x.md", "docs/de/x.md"]), None);
    }
}
