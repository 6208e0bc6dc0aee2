//! URL canonicalisation: one key per article address however a page, feed or corpus spells it.

use url::Url;

/// Query parameters that track the reader, not the article.
fn is_tracking_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || matches!(
            n.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "yclid"
                | "igshid"
                | "mc_cid"
                | "mc_eid"
                | "ocid"
                | "at_medium"
                | "at_campaign"
        )
}

/// The canonical key of a URL: scheme-less, host lower-cased without `www.`, default port, fragment
/// and tracking parameters dropped, path percent-decoded (so Arabic paths written raw and encoded
/// meet), trailing slash removed. `None` for strings that are not http(s) URLs.
pub fn canonical_key(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let mut url = Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.set_fragment(None);
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let mut params: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking_param(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    params.sort();
    let path = percent_encoding::percent_decode_str(url.path()).decode_utf8_lossy().into_owned();
    let path = if path.len() > 1 { path.trim_end_matches('/').to_string() } else { String::new() };
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let mut key = format!("{host}{port}{path}");
    if !params.is_empty() {
        key.push('?');
        let q: Vec<String> =
            params.iter().map(|(k, v)| if v.is_empty() { k.clone() } else { format!("{k}={v}") }).collect();
        key.push_str(&q.join("&"));
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_share_a_key() {
        let a = canonical_key("https://www.Example.com/ar/news/خبر-1/?utm_source=x&id=3#top").unwrap();
        let b = canonical_key("http://example.com:80/ar/news/%D8%AE%D8%A8%D8%B1-1?id=3&fbclid=abc").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, "example.com/ar/news/خبر-1?id=3");
    }

    #[test]
    fn non_http_is_none() {
        assert!(canonical_key("ftp://example.com/a").is_none());
        assert!(canonical_key("not a url").is_none());
    }
}
