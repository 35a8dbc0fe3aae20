// Page object: every locator the end-to-end tests use lives here, keyed on data-testid.
export class EntasPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
    this.errors = [];
    this.foreignRequests = [];
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') this.errors.push(m.text()); });
    page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1:') && !r.url().startsWith('data:')) this.foreignRequests.push(r.url()); });
  }

  async open() {
    await this.page.goto(this.url);
    await this.kpiEnd.waitFor();
  }

  get title() { return this.page.getByTestId('app-title'); }
  get kpis() { return this.page.getByTestId('kpis'); }
  get kpiEnd() { return this.page.getByTestId('kpi-p0-end'); }
  get kpiBase() { return this.page.getByTestId('kpi-p0-base'); }
  get chart() { return this.page.getByTestId('trajectory-chart'); }
  get chartTitle() { return this.page.getByTestId('chart-title'); }
  lever(id) { return this.page.getByTestId(`lever-${id}`); }
  leverInput(id) { return this.lever(id).locator('input[type=range]'); }
  leverValue(id) { return this.lever(id).getByTestId('lever-value'); }
  leverReset(id) { return this.lever(id).getByTestId('lever-reset'); }
  language(code) { return this.page.getByTestId(`lang-${code}`); }

  async switchLanguage(code) { await this.language(code).click(); }

  /** Whether the chart canvas has non-white pixels (something was drawn). */
  async chartHasInk() {
    return this.chart.evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
      return ink;
    });
  }

  async screenshot(name) {
    await this.page.screenshot({ path: name, fullPage: false });
  }
}
