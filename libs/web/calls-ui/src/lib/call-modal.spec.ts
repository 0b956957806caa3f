import { PageBehindCall, phaseAnnouncement } from './call-modal';

describe('phaseAnnouncement', () => {
  it('says each step of a call in words', () => {
    expect(phaseAnnouncement('incoming', 'Ada', null)).toBe('Ada is calling');
    expect(phaseAnnouncement('in-call', 'Ada', null)).toBe('Connected with Ada');
    expect(phaseAnnouncement('reconnecting', 'Ada', null)).toBe('Connection lost, reconnecting');
    const outcome = { title: 'The connection was lost.', detail: 'Talk time 0:42', tone: 'error' as const };
    expect(phaseAnnouncement('ended', 'Ada', { ...outcome, suggestCallback: false })).toBe(
      'The connection was lost. Talk time 0:42',
    );
    expect(phaseAnnouncement('idle', 'Ada', null)).toBeNull();
  });
});

describe('PageBehindCall', () => {
  function page() {
    document.body.innerHTML = `
      <div id="app">
        <header><button id="start">Video Call Seller</button></header>
        <main><p>page</p></main>
        <div id="already" inert></div>
        <cs-call-host><button id="inside">Hang up</button></cs-call-host>
      </div>
      <div class="cdk-overlay-container"></div>
      <aside id="outside"></aside>`;
    const $ = (sel: string) => document.querySelector(sel) as HTMLElement;
    return { $, host: $('cs-call-host') };
  }

  it('makes everything but the call view inert, then gives the page and focus back', () => {
    const { $, host } = page();
    $('#start').focus();
    const behind = new PageBehindCall();
    behind.open(host);
    $('#inside').focus();

    expect(['header', 'main', '#outside'].map((s) => $(s).hasAttribute('inert'))).toEqual([true, true, true]);
    expect(host.hasAttribute('inert')).toBe(false);
    expect($('#app').hasAttribute('inert')).toBe(false);
    expect($('.cdk-overlay-container').hasAttribute('inert')).toBe(false);

    behind.open(host); // a later phase of the same call changes nothing
    behind.close();
    expect(['header', 'main', '#outside'].map((s) => $(s).hasAttribute('inert'))).toEqual([
      false,
      false,
      false,
    ]);
    expect($('#already').hasAttribute('inert')).toBe(true);
    expect(document.activeElement).toBe($('#start'));
  });
});
