package org.lossparity.reports.html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The report's stylesheet and script, inline so the file is self-contained. The Content-Security-Policy allows no
 * network at all and only this exact script (by hash), so even a string that escaped escaping could neither run
 * nor load anything.
 */
final class PageAssets {
    private PageAssets() {}

    static final String STYLE = """
            :root{--fg:#1d2330;--muted:#5b6475;--line:#d5d9e0;--bg:#fff;--soft:#f4f6f9}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
            header{padding:18px 28px 12px;border-bottom:1px solid var(--line);background:var(--soft)}
            h1{margin:0 0 6px;font-size:22px}
            h2{margin:34px 0 10px;font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px}
            h3{margin:24px 0 8px;font-size:16px}
            h4{margin:14px 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
            main{padding:0 28px 60px;max-width:1500px}
            nav{padding:8px 28px;border-bottom:1px solid var(--line);font-size:13px}
            nav a{margin-right:16px}
            a{color:#1f57c3;text-decoration:none}a:hover{text-decoration:underline}
            code,pre,.num{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
            pre{white-space:pre-wrap;word-break:break-word;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:8px 10px;margin:6px 0}
            table{border-collapse:collapse;margin:8px 0 14px}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
            th{background:var(--soft);font-weight:600}
            td.num,th.num{text-align:right;white-space:nowrap}
            td.vals{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px;min-width:110px;max-width:560px;overflow-wrap:break-word}
            .muted{color:var(--muted)}
            .small{font-size:12px}
            .banner{display:inline-block;padding:4px 12px;border-radius:4px;font-weight:700;margin-right:10px}
            .banner.ok{background:#cdebd0;color:#14401a}.banner.bad{background:#b3261e;color:#fff}
            .badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;line-height:18px;white-space:nowrap;margin:1px 3px 1px 0;border:1px solid rgba(0,0,0,.12)}
            .v-pass{background:#cdebd0;color:#14401a}
            .v-semantic-divergence{background:#cfe0ff;color:#0d2f6e}
            .v-numerical{background:#c9efe9;color:#0b4a42}
            .v-failure{background:#f6c3bf;color:#6b0f0a}
            .v-expected-failure{background:#ffe0b0;color:#5c3800}
            .v-unexpected-pass{background:#e5d2f7;color:#3f1466}
            .v-unsupported{background:#e3e5e8;color:#3a3f47}
            .v-error{background:#b3261e;color:#fff}
            .matrix td.cell{min-width:118px;font-size:12px}
            .matrix td.cell a{color:inherit;display:block}
            .matrix td.empty{background:#fafbfc;color:#9aa1ad;text-align:center}
            .matrix th.group{text-align:center}
            .cell .w{font-weight:700}
            .cell .u{display:block;opacity:.85}
            .legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:6px 0 10px;padding:0;list-style:none;font-size:12.5px}
            .legend li{display:flex;align-items:center;gap:6px}
            .legend .sw{display:inline-block;width:26px;height:16px;border-radius:3px;border:1px solid rgba(0,0,0,.15)}
            details.case{border:1px solid var(--line);border-radius:5px;margin:6px 0;background:#fff}
            details.case>summary{cursor:pointer;padding:6px 10px;list-style-position:inside}
            details.case[open]>summary{border-bottom:1px solid var(--line);background:var(--soft)}
            details.case>div{padding:4px 14px 10px}
            details.case>summary .lbl{font-weight:600;margin-right:8px}
            .status-bar{display:inline-block;width:6px;height:14px;vertical-align:-2px;margin-right:6px;border-radius:2px}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}
            dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
            tr.more>td{background:#fcfcfd}
            .spark{vertical-align:middle}
            .hist{margin:6px 0;display:inline-block}.hist figcaption{font-size:11.5px;color:var(--muted)}
            .hb.hg,.spark .hg{fill:#4f9a5a}.hb.hy{fill:#c9a227}.hb.ho{fill:#dd7a2a}.hb.hn,.spark .hn{fill:#b3261e}
            .hc{font-size:10px;text-anchor:middle;fill:#1d2330}.hl{font-size:10px;text-anchor:middle;fill:#5b6475}.ha{stroke:#9aa1ad}
            #controls{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:6px 28px;font-size:13px}
            #controls input,#controls select,#controls button{font:inherit;margin-right:10px}
            table.evals{width:100%}
            table.evals td.vals{width:27%}
            table.grid td{min-width:64px}
            table.grid th{font-weight:500;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12px}
            table.grid td.empty{background:#fafbfc}
            .finding{border-left:4px solid #9aa1ad;padding:2px 10px 4px;margin:10px 0}
            .v-semantic-divergence-edge{border-color:#6f98e0}.v-numerical-edge{border-color:#3fae9c}
            .v-failure-edge{border-color:#d9534f}.v-expected-failure-edge{border-color:#e0a040}
            .v-unexpected-pass-edge{border-color:#9a62cf}.v-unsupported-edge{border-color:#9aa1ad}.v-error-edge{border-color:#b3261e}
            .warn{background:#fff4d6;border:1px solid #f0d48a;border-radius:4px;padding:6px 10px;margin:8px 0}
            """;

    /** Filtering and expanding only; every case is in the page and readable without it. */
    static final String SCRIPT = """
            (function(){
            var bar=document.getElementById('controls');if(!bar)return;bar.hidden=false;
            var q=document.getElementById('filter-text'),s=document.getElementById('filter-status');
            var cases=Array.prototype.slice.call(document.querySelectorAll('details.case'));
            function keep(d,t,m){
            if(m==='problems'&&d.getAttribute('data-status')==='pass')return false;
            if(m==='failing'&&!d.hasAttribute('data-failing'))return false;
            return !t||d.querySelector('summary').textContent.toLowerCase().indexOf(t)!==-1;}
            function apply(){var t=q.value.trim().toLowerCase(),m=s.value;
            cases.forEach(function(d){d.hidden=!keep(d,t,m);});}
            q.addEventListener('input',apply);s.addEventListener('change',apply);
            function all(open){cases.forEach(function(d){if(!d.hidden)d.open=open;});}
            document.getElementById('expand-all').addEventListener('click',function(){all(true);});
            document.getElementById('collapse-all').addEventListener('click',function(){all(false);});
            function reveal(){var id=decodeURIComponent(location.hash.slice(1));var e=id&&document.getElementById(id);
            if(e&&e.tagName==='DETAILS'){e.hidden=false;e.open=true;e.scrollIntoView();}}
            window.addEventListener('hashchange',reveal);reveal();
            })();
            """;

    /** No network, no plugins, no forms; inline styles allowed, and only the script above. */
    static String contentSecurityPolicy() {
        return "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + sha256(SCRIPT)
                + "'; base-uri 'none'; form-action 'none'";
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
