package dev.crossbatch.cli.report;

/** The report's own style and its one small script, inlined: the page needs nothing else. */
final class Style {
  private Style() {}

  static final String CSS = """
      :root { --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa;
        --ok: #1a7f37; --bad: #cf222e; --running: #9a6700; --link: #0969da;
        --queued: #afb8c1; --waiting: #8c959f; --setup: #54aeff; --build: #2da44e; --finish: #8250df; --failed: #cf222e; }
      @media (prefers-color-scheme: dark) {
        :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --panel: #161b22;
          --ok: #3fb950; --bad: #f85149; --running: #d29922; --link: #4493f8;
          --queued: #484f58; --waiting: #6e7681; --setup: #388bfd; --build: #3fb950; --finish: #a371f7; --failed: #f85149; }
      }
      * { box-sizing: border-box; }
      body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
      main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 40px; }
      h1 { font-size: 1.6em; margin: 0 0 12px; }
      h2 { font-size: 1.2em; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
      h3 { font-size: 1em; margin: 0 0 6px; }
      a { color: var(--link); }
      code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; }
      .version { color: var(--muted); font-weight: normal; }
      .status { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 0.8em; font-weight: 600; color: #fff; vertical-align: middle; }
      .status.ok { background: var(--ok); } .status.bad { background: var(--bad); } .status.running { background: var(--running); }
      .facts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0; }
      .facts div { display: flex; gap: 6px; } .facts dt { color: var(--muted); } .facts dd { margin: 0; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      caption { text-align: left; color: var(--muted); font-size: 0.9em; padding-bottom: 6px; }
      th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
      thead th { background: var(--panel); font-weight: 600; }
      tbody th { font-weight: 600; }
      .num { text-align: right; }
      code.sha { display: inline-block; width: 32ch; font-size: 0.8em; word-break: break-all; white-space: normal; vertical-align: middle; }
      button.copy { margin-left: 6px; font: inherit; font-size: 0.8em; padding: 1px 8px; border: 1px solid var(--line);
        border-radius: 6px; background: var(--panel); color: var(--fg); cursor: pointer; }
      svg.timeline text { fill: var(--fg); font-size: 12px; } svg.timeline .tick, svg.timeline .legend { fill: var(--muted); font-size: 11px; }
      svg.timeline .grid { stroke: var(--line); stroke-width: 1; }
      .queued { fill: var(--queued); } .waiting { fill: var(--waiting); } .setup { fill: var(--setup); }
      .build { fill: var(--build); } .finish { fill: var(--finish); } .failed { fill: var(--failed); }
      .failure { background: var(--panel); border-left: 4px solid var(--bad); padding: 10px 14px; margin: 12px 0; border-radius: 4px; }
      .failure p { margin: 4px 0; } .hint { color: var(--muted); }
      pre { background: var(--bg); border: 1px solid var(--line); padding: 8px 10px; overflow-x: auto; border-radius: 4px; }
      footer { margin-top: 32px; color: var(--muted); font-size: 0.85em; }
      """;

  /** Copy buttons beside each SHA-256, added only when scripts run: without them the page loses nothing. */
  static final String SCRIPT = """
      for (const code of document.querySelectorAll('code.sha')) {
        const row = code.closest('tr');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'copy';
        button.textContent = 'Copy';
        button.setAttribute('aria-label', 'Copy the SHA-256 of ' + (row ? row.querySelector('th').textContent : 'this archive'));
        button.addEventListener('click', () => {
          navigator.clipboard.writeText(code.textContent).then(() => {
            button.textContent = 'Copied';
            setTimeout(() => { button.textContent = 'Copy'; }, 1500);
          });
        });
        code.after(button);
      }
      """;
}
