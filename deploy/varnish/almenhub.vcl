# Varnish in front of almenhub (Debian's varnish 7.1; `make prod-demo` and
# the tests start it with scripts/varnish.sh, which sets the backend's port).
#
# What is cached: anonymous GET/HEAD answers the hub marks public
# (Cache-Control: public, s-maxage=PROXY_CACHE_SECONDS; core/http.py).
# What is never cached: any request with a cookie or Authorization (members,
# editors, anyone holding a CSRF cookie), the admin and the account pages,
# anything but GET/HEAD, and any answer that sets a cookie or is private.
# The hub empties it itself: Wagtail's frontend cache sends PURGE for a
# published or unpublished page's URLs, and a change sends one BAN: with
# X-Ban-Tags (a page changed) for the answers whose X-Cache-Tags name any of
# those tags (what shows the page: its own answer, answers that link it or
# list its kind, its parent's, searches, feeds, the API); without (any other
# content) for all cached answers but static files. core/proxy.py says what
# the tags are. Both only from loopback.
vcl 4.1;

import std;

backend hub {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "PURGE") {
            return (purge);
        }
        # Lurker-friendly (obj.http only): old objects are dropped in the
        # background as well as on their next lookup.
        if (req.http.X-Ban-Tags) {
            if (req.http.X-Ban-Tags !~ "^[a-z0-9]+( [a-z0-9]+)*$") {
                return (synth(400, "Bad tags"));
            }
            # No space in a ban's regex: the ban parser splits on it.
            if (!std.ban({"obj.http.X-Cache-Tags ~ (^|[[:space:]])("} +
                    regsuball(req.http.X-Ban-Tags, " ", "|") + {")([[:space:]]|$)"})) {
                return (synth(500, std.ban_error()));
            }
            return (synth(200, "Banned by tag"));
        }
        if (!std.ban("obj.http.X-Url !~ ^/static/")) {
            return (synth(500, std.ban_error()));
        }
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|konto)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie) {
        return (pass);
    }
    # A few variants per URL: the hub compresses with brotli or gzip
    # (varnishd runs with http_gzip_support=off, so it passes them through).
    if (req.http.Accept-Encoding ~ "\bbr\b") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    return (hash);
}

sub vcl_hash {
    # One site: the URL alone, so that a PURGE naming the site's configured
    # host reaches the copy fetched under any allowed host name.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    set beresp.http.X-Url = bereq.url;
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-cache|no-store)"
        || beresp.http.Vary == "*"
        || !beresp.http.Cache-Control) {
        # Not for others: remembered for two minutes as "fetch every time".
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.status >= 500) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Url;
    unset resp.http.X-Cache-Tags;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
