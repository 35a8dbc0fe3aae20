// Page object: every locator the end-to-end tests use lives here, keyed on data-testid.
export class EntasPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
    this.errors = [];
    this.foreignRequests = [];
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') this.errors.push(m.text()); });
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith('http://127.0.0.1:') && !u.startsWith('data:') && !u.startsWith('blob:')) this.foreignRequests.push(u);
    });
  }

  async open() {
    await this.page.goto(this.url);
    await this.kpi('p0').waitFor();
  }

  get title() { return this.page.getByTestId('app-title'); }
  get app() { return this.page.locator('.app'); }
  get district() { return this.page.getByTestId('district'); }
  get summary() { return this.page.getByTestId('summary'); }
  get analysisStatus() { return this.page.getByTestId('analysis-status'); }
  kpi(name) { return this.page.getByTestId(`kpi-${name}`); }
  kpiValue(name) { return this.kpi(name).getByTestId('kpi-value'); }
  chart(name) { return this.page.getByTestId(`chart-${name}`); }
  chartCanvas(name) { return this.chart(name).locator('canvas'); }
  chartTable(name) { return this.chart(name).locator('details.data-table'); }
  /** Opens a chart's data table and waits until it is built (it is built only when opened). */
  async openTable(name) {
    await this.chartTable(name).locator('summary').click();
    await this.chartTable(name).locator('table tbody tr').first().waitFor();
  }
  group(name) { return this.page.getByTestId(`group-${name}`); }
  lever(id) { return this.page.getByTestId(`lever-${id}`); }
  leverInput(id) { return this.lever(id).locator('input[type=range]'); }
  leverNumber(id) { return this.lever(id).getByTestId('lever-number'); }
  leverValue(id) { return this.lever(id).getByTestId('lever-value'); }
  leverReach(id) { return this.lever(id).getByTestId('lever-reach'); }
  leverReset(id) { return this.lever(id).getByTestId('lever-reset'); }
  leverError(id) { return this.lever(id).getByTestId('lever-error'); }
  leverInfo(id) { return this.lever(id).getByTestId('lever-info'); }
  leverPopover(id) { return this.lever(id).getByTestId('lever-popover'); }
  get resetAll() { return this.page.getByTestId('reset-all'); }
  get preset() { return this.page.getByTestId('preset'); }
  get extremeLine() { return this.page.getByTestId('extreme-line'); }
  get horizon() { return this.page.getByTestId('horizon'); }
  get projector() { return this.page.getByTestId('projector'); }
  nav(name) { return this.page.getByTestId(`nav-${name}`); }
  language(code) { return this.page.getByTestId(`lang-${code}`); }

  async switchLanguage(code) { await this.language(code).click(); }

  get toolbar() { return this.page.getByTestId('toolbar'); }
  get notice() { return this.page.getByTestId('notice'); }
  get saveName() { return this.page.getByTestId('save-name'); }
  get saveButton() { return this.page.getByTestId('save'); }
  get shareButton() { return this.page.getByTestId('share'); }
  get shareUrl() { return this.page.getByTestId('share-url'); }
  get qr() { return this.page.getByTestId('qr'); }
  get importFile() { return this.page.getByTestId('import-file'); }
  get savedItems() { return this.page.getByTestId('saved-item'); }
  get brief() { return this.page.getByTestId('brief'); }

  // "Wilayah saya / My district"
  get districtPage() { return this.page.getByTestId('district-page'); }
  get tableFile() { return this.page.getByTestId('district-table-file'); }
  get tableSample() { return this.page.getByTestId('district-table-sample'); }
  get tableSummary() { return this.page.getByTestId('district-table-summary'); }
  get tableErrors() { return this.page.getByTestId('district-table-errors'); }
  tableRow(code) { return this.page.getByTestId(`district-row-${code}`); }
  districtField(name) { return this.page.getByTestId(`df-${name}`); }
  get districtError() { return this.page.getByTestId('district-form-error'); }
  get districtOpen() { return this.page.getByTestId('district-open'); }
  get districtSave() { return this.page.getByTestId('district-save'); }
  get myDistricts() { return this.page.getByTestId('my-district'); }
  get presetSelect() { return this.page.getByTestId('preset'); }

  /** Saves the current scenario under `name`. */
  async saveAs(name) {
    await this.saveName.fill(name);
    await this.saveButton.click();
  }

  /** Every KPI's main figure, for comparing two screens. */
  async kpiTexts() {
    return this.page.locator('[data-testid=kpis] [data-testid=kpi-value]').allTextContents();
  }

  /** Clicks `button` and returns the text of the file it downloads. */
  async downloadText(button) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** Opens the collapsed assumptions panel (if it is closed). */
  async openAssumptions() {
    const details = this.page.getByTestId('group-assumption');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }

  /** Types a value into a lever's number field and commits it (Enter), opening the assumptions if needed. */
  async typeLever(id, text) {
    const field = this.leverNumber(id);
    if (!(await field.isVisible())) await this.openAssumptions();
    await field.fill(text);
    await field.press('Enter');
  }

  /** Waits until the worker has finished the wedge and every Monte Carlo draw. */
  async analysisDone(timeout = 60000) {
    await this.page.locator('[data-testid=analysis-status][data-done=true]').waitFor({ timeout });
  }

  /** The KPI's main figure as a number (Indonesian or English separators). */
  async kpiNumber(name) {
    const t = (await this.kpiValue(name).textContent()).replace('%', '').trim();
    return Number(t.includes(',') && !t.includes('.') ? t.replace(',', '.') : t.replace(/,/g, ''));
  }

  /** Scrolls every chart into view once, so each has been drawn (off-screen charts wait until seen). */
  async revealCharts() {
    for (const name of ['trajectory', 'wedge', 'distribution', 'cost', 'targeting', 'convergence', 'compare']) {
      if ((await this.chart(name).count()) === 0) continue;
      await this.chart(name).scrollIntoViewIfNeeded();
      await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    }
    await this.page.evaluate(() => window.scrollTo(0, 0));
  }

  /** Non-white pixels on a chart canvas (something was drawn); scrolls it into view first. */
  async chartInk(name) {
    await this.chart(name).scrollIntoViewIfNeeded();
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    return this.chartCanvas(name).evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
      return ink;
    });
  }

  async screenshot(path, fullPage = false) {
    if (fullPage) await this.revealCharts();
    await this.page.screenshot({ path, fullPage });
  }
}
