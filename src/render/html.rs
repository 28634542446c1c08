//! The HTML site as an [`Output`]: per language its index, full text,
//! spheres and parallel pages; once, the gateway, the status page, the 404
//! page, the sitemap index `sitemap.xml` and each language's
//! `sitemap-<lang>.xml` (with a base URL), `robots.txt`, and the theme's
//! static files.

use super::deps::{Reads, Scope};
use super::lang::LangRender;
use super::output::{Job, Output, templated, templated_try};
use super::renderer::Renderer;
use super::views;
use crate::links::{View, dir_of};

/// The site of linked pages.
pub(crate) struct HtmlSite;

impl Output for HtmlSite {
    fn language_pages<'r>(&'r self, r: &'r Renderer<'r>, lang: &'r LangRender<'r>) -> Vec<Job<'r>> {
        let tag = lang.tag();
        let at = r.position(lang);
        let reads = |scope| Reads::Lang { lang: at, scope };
        let page = |view: View<'_>| format!("{}index.html", dir_of(tag, view));
        let mut jobs = vec![
            templated(r, "index.html", page(View::Index), move || {
                views::index(r, lang, &dir_of(tag, View::Index))
            })
            .reading(reads(Scope::Index)),
            templated(r, "full.html", page(View::Full), move || {
                views::full(r, lang, &dir_of(tag, View::Full))
            })
            .reading(reads(Scope::Whole)),
        ];
        for (i, sphere) in r.site.source.spheres.iter().enumerate() {
            let slug = sphere.slug();
            let view = View::Sphere(slug);
            jobs.push(
                templated(r, "sphere.html", page(view), move || {
                    views::sphere(r, lang, slug, &dir_of(tag, view))
                })
                .reading(reads(Scope::Sphere(i))),
            );
        }
        if !r.settings.parallel {
            return jobs;
        }
        for other in r.langs.iter().filter(|l| l.tag() != tag) {
            let pair = |scope| Reads::Pair {
                lang: at,
                other: r.position(other),
                scope,
            };
            let parts = std::iter::once((None, Scope::Whole)).chain(
                r.site
                    .source
                    .spheres
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (Some(s.slug()), Scope::Sphere(i))),
            );
            for (part, scope) in parts {
                let view = View::Parallel {
                    other: other.tag(),
                    part,
                };
                jobs.push(
                    templated(r, "parallel.html", page(view), move || {
                        views::parallel(r, lang, other, part, &dir_of(tag, view))
                    })
                    .reading(pair(scope)),
                );
            }
        }
        jobs
    }

    fn site_pages<'r>(&'r self, r: &'r Renderer<'r>) -> Vec<Job<'r>> {
        let mut jobs = vec![
            templated(r, "gateway.html", "index.html".into(), move || {
                views::gateway(r, "")
            })
            .reading(Reads::Overview),
            templated_try(r, "status.html", "status/index.html".into(), move || {
                views::status(r, r.original(), "status/")
            })
            .reading(Reads::Status(r.position(r.original())))
            .alone(),
            templated(r, "404.html", "404.html".into(), move || {
                views::not_found(r, "")
            })
            .reading(Reads::Overview),
        ];
        // Each translation's own status page, worded in it, with its open work.
        for lang in r.langs.iter().filter(|l| !l.is_original) {
            let dir = views::status_dir(lang);
            jobs.push(
                templated_try(r, "status.html", format!("{dir}index.html"), move || {
                    views::status(r, lang, &dir)
                })
                .reading(Reads::Status(r.position(lang)))
                .alone(),
            );
        }
        if let Some(base) = &r.settings.base_url {
            // An index, and one sitemap per language, each rendered on its
            // own: no context holds every page in every language.
            jobs.push(
                templated(r, "sitemap.xml", "sitemap.xml".into(), move || {
                    views::sitemap_index(r, base)
                })
                .reading(Reads::Site),
            );
            for lang in &r.langs {
                jobs.push(
                    templated(
                        r,
                        "sitemap-language.xml",
                        views::sitemap_path(lang.tag()),
                        move || views::sitemap(r, lang, base),
                    )
                    .reading(Reads::Site),
                );
            }
        }
        jobs.push(
            templated(r, "robots.txt", "robots.txt".into(), move || {
                views::robots(r)
            })
            .reading(Reads::Site),
        );
        jobs.extend(r.statics.iter().map(|file| -> Job<'r> {
            Job::new(file.path.clone(), "static", move || {
                Ok(file.bytes.clone().into())
            })
            .reading(Reads::Bytes(&file.bytes))
        }));
        jobs
    }
}
