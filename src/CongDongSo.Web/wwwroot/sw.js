// Service worker of the field app (scope /field, registered by js/field.js). It keeps the app
// shell so the member's phone starts the app with no signal. It never stores an API answer or any
// page other than /field: households and residents live only in IndexedDB, where sign-out and the
// expiry rules can wipe them (SECURITY.md, offline copies). Sign-out deletes these caches too.
"use strict";

// Bump when the shell's unversioned files (htmx, icons, manifest) change; old caches are deleted.
const VERSION = "2026-11-22.1";
const CACHE = "cds-field-shell-" + VERSION;
const PAGE = "/field";
const SHELL = [
    "/css/site.css",
    "/js/field.js",
    "/js/site.js",
    "/lib/htmx/htmx.min.js",
    "/manifest.webmanifest",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
];
const STATIC_FOLDERS = ["/css/", "/js/", "/lib/", "/icons/"];

// The shell page is kept only when it really is the page: a redirect to sign-in is not.
const isPage = (response) => response && response.ok && response.type === "basic" && !response.redirected;

self.addEventListener("install", (event) => {
    event.waitUntil((async () => {
        const cache = await caches.open(CACHE);
        await cache.addAll(SHELL);
        const page = await fetch(PAGE, { credentials: "same-origin", cache: "no-store" }).catch(() => null);
        if (isPage(page)) {
            await cache.put(PAGE, page);
        }
        await self.skipWaiting();
    })());
});

self.addEventListener("activate", (event) => {
    event.waitUntil((async () => {
        const names = await caches.keys();
        await Promise.all(names.filter((n) => n.startsWith("cds-field-") && n !== CACHE).map((n) => caches.delete(n)));
        await self.clients.claim();
    })());
});

// Network first: online the member always gets the current page (and a redirect to sign-in
// when the session is over); offline, the last copy.
const page = async (request) => {
    const cache = await caches.open(CACHE);
    try {
        const response = await fetch(request);
        if (isPage(response)) {
            await cache.put(PAGE, response.clone());
        } else if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
            await cache.delete(PAGE); // the session is over: its page goes with it
        }
        return response;
    } catch {
        const cached = await cache.match(PAGE);
        return cached || new Response("Không có mạng. / No connection.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
};

// Static files carry a version in their query (asp-append-version): the exact URL is immutable,
// so cache first; a new version is fetched and replaces the old one; offline, any version will do.
const asset = async (request) => {
    const cache = await caches.open(CACHE);
    const exact = await cache.match(request);
    if (exact) {
        return exact;
    }
    try {
        const response = await fetch(request);
        if (response.ok && response.type === "basic") {
            const url = new URL(request.url);
            const old = await cache.keys(request, { ignoreSearch: true });
            await Promise.all(old.filter((r) => new URL(r.url).search !== url.search).map((r) => cache.delete(r)));
            await cache.put(request, response.clone());
        }
        return response;
    } catch {
        const any = await cache.match(request, { ignoreSearch: true });
        return any || Response.error();
    }
};

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") {
        return;
    }
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) {
        return;
    }
    if (url.pathname === PAGE && request.mode === "navigate") {
        event.respondWith(page(request));
    } else if (SHELL.includes(url.pathname) || STATIC_FOLDERS.some((folder) => url.pathname.startsWith(folder))) {
        event.respondWith(asset(request));
    }
    // Everything else (the API, every other page) goes to the network untouched and is never stored.
});
