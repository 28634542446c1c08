//! `sitemap.xml`: every page with its alternates in every language plus `x-default`.

use super::output::Page;
use super::renderer::Renderer;
use crate::links::{View, dir_of};

/// `robots.txt`: everything allowed, and the sitemap with a base URL.
pub(super) fn robots(r: &Renderer<'_>) -> Page {
    let robots = match &r.settings.base_url {
        Some(base) => format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"),
        None => "User-agent: *\nAllow: /\n".to_string(),
    };
    Page {
        path: "robots.txt".into(),
        bytes: robots.into_bytes(),
    }
}

/// `sitemap.xml` with every page and its alternates plus `x-default`.
pub(super) fn sitemap(r: &Renderer<'_>, base: &str) -> Page {
    let site = r.site;
    let mut views: Vec<View<'_>> = vec![View::Index, View::Full];
    views.extend(site.source.spheres.iter().map(|s| View::Sphere(s.slug())));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let entry = |xml: &mut String, loc: &str, alternates: &[(String, String)]| {
        xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape_xml(loc)));
        for (lang, href) in alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                escape_xml(href)
            ));
        }
        xml.push_str("  </url>\n");
    };
    let x_default = ("x-default".to_string(), base.to_string());
    let gateway_alts: Vec<(String, String)> = site
        .languages
        .iter()
        .map(|l| {
            (
                l.tag.to_string(),
                format!("{base}{}", dir_of(&l.tag, View::Index)),
            )
        })
        .chain([x_default.clone()])
        .collect();
    entry(&mut xml, base, &gateway_alts);
    for view in views {
        let alternates: Vec<(String, String)> = site
            .languages
            .iter()
            .map(|l| (l.tag.to_string(), format!("{base}{}", dir_of(&l.tag, view))))
            .chain([x_default.clone()])
            .collect();
        for (_, loc) in alternates.iter().take(site.languages.len()) {
            entry(&mut xml, loc, &alternates);
        }
    }
    entry(&mut xml, &format!("{base}status/"), &[]);
    xml.push_str("</urlset>\n");
    Page {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}
fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
