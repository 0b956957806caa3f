import { LiveAnnouncer } from '@angular/cdk/a11y';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import type { CallDto } from '@callshop/contracts';
import type { QualityAssessment } from '@callshop/web/rtc';
import { CallManager } from './call-manager.service';
import { WaitingLineClient } from './waiting-line/waiting-line-client';
import type { CallPhase } from './call-state-machine';
import { type QualityIndicator, liveQualityIndicator, liveStatusLabel } from './call-status-label';
import { CallHostComponent } from './call-host.component';
import { CallNotifier } from './call-notifier.service';
import { CallChatStore } from './chat/call-chat.store';
import { Ringtone } from './ringtone.service';
import { renderView } from './testing/render';

const call = {
  id: 'call-1',
  type: 'video',
  customer: { id: 'c1', name: 'Ada' },
  shop: { id: 's1', name: 'Lamp Shop', isPlatform: false },
  product: { id: 'p1', name: 'Desk lamp', price: 4999, currency: 'USD', image: null },
} as unknown as CallDto;

async function render(phase: string, extra: Record<string, unknown> = {}) {
  const media = {
    localStream: signal(null),
    remoteStream: signal(null),
    audioOnly: signal(false),
    micEnabled: signal(true),
    cameraEnabled: signal(true),
    remoteMedia: signal({ audio: true, video: true }),
    quality: signal<{ level: string; reason: string | null } | null>(null),
    offerAudioOnly: signal(false),
    audioOnlyMode: signal(false),
    setMicEnabled: jest.fn(),
    setCameraEnabled: jest.fn(),
    setAudioOnlyMode: jest.fn(),
    cameraFacing: signal(null),
    listDevices: jest.fn(async () => [] as MediaDeviceInfo[]),
    switchCamera: jest.fn(async () => true),
    sharedScreen: signal<MediaStream | null>(null),
    canShareScreen: jest.fn(() => false),
    shareScreen: jest.fn(async () => true),
    stopScreenShare: jest.fn(async () => undefined),
  };
  const phaseNow = signal(phase);
  const peerDropped = signal(false);
  // The view's words come from the same functions the real CallManager uses.
  const status = () => ({
    phase: phaseNow() as CallPhase,
    peerDropped: peerDropped(),
    otherSide: 'the customer',
  });
  const manager = {
    media,
    phase: phaseNow,
    mediaConnected: signal(false),
    peerDropped,
    otherSide: signal('the customer'),
    quality: computed((): QualityIndicator | null =>
      liveQualityIndicator(status(), manager.media.quality() as QualityAssessment | null),
    ),
    statusText: () => liveStatusLabel({ ...status(), talkSeconds: null }),
    call: signal(call),
    counterpart: signal('Ada'),
    minimized: signal(false),
    minimizeCall: jest.fn(),
    restoreCall: jest.fn(),
    viewer: signal('shop'),
    outcome: signal(null),
    request: signal(null),
    actionError: signal(null),
    connectedAt: signal(null),
    rejoining: signal(false),
    accept: jest.fn(),
    decline: jest.fn(),
    cancel: jest.fn(),
    hangup: jest.fn(),
    rejoin: jest.fn(),
    dismiss: jest.fn(),
    retryAudioOnly: jest.fn(),
    counterpartPhone: jest.fn(async () => null),
    ...extra,
  };
  const blocked = signal(false);
  TestBed.configureTestingModule({
    providers: [
      { provide: CallManager, useValue: manager },
      // The chat panel's toggle (the panel itself has specs of its own).
      { provide: CallChatStore, useValue: { open: signal(false), unread: signal(0), setOpen: jest.fn() } },
      { provide: Ringtone, useValue: { blocked: computed(() => blocked()), unlock: jest.fn() } },
      { provide: CallNotifier, useValue: { permission: 'granted', requestPermission: jest.fn() } },
      { provide: MatDialog, useValue: { open: jest.fn() } },
      // Nobody waits in a line here (the line's card has a spec of its own).
      {
        provide: WaitingLineClient,
        useValue: { entry: signal(null), error: signal(null), target: signal(null), joinedAt: signal(null) },
      },
    ],
  });
  return { ...(await renderView(CallHostComponent)), manager, media, blocked };
}

describe('CallHostComponent', () => {
  it('shows nothing when idle', async () => {
    const { el } = await render('idle');
    expect(el.textContent?.trim()).toBe('');
  });

  it('rings with the caller, the product and Accept / Decline', async () => {
    const { el, button, manager, blocked, fixture } = await render('incoming');
    const dialog = el.querySelector('[data-testid="incoming-call"]');
    expect(dialog?.getAttribute('role')).toBe('alertdialog');
    expect(dialog?.textContent).toContain('Ada is calling');
    expect(dialog?.textContent).toContain('Desk lamp');
    expect(dialog?.textContent).toContain('$49.99');
    button('Accept').click();
    button('Decline').click();
    expect(manager.accept).toHaveBeenCalled();
    expect(manager.decline).toHaveBeenCalled();
    expect(button('Click to enable sound')).toBeUndefined();

    blocked.set(true);
    await fixture.whenStable();
    expect(button('Click to enable sound')).toBeDefined();
  });

  it('shows "Calling <shop>…" with Cancel while ringing out', async () => {
    const { el, button, manager } = await render('outgoing', {
      counterpart: signal('Lamp Shop'),
      viewer: signal('customer'),
    });
    expect(
      el.querySelector('[data-testid="outgoing-call"] [data-testid="call-status"]')?.textContent?.trim(),
    ).toBe('Calling Lamp Shop…');
    button('Cancel').click();
    expect(manager.cancel).toHaveBeenCalled();
  });

  it('shows the in-call view with the controls and the reconnecting banner', async () => {
    const { el, button, manager, media, fixture } = await render('in-call');
    expect(el.querySelector('[data-testid="remote-video"]')).not.toBeNull();
    button('Mute').click();
    expect(media.setMicEnabled).toHaveBeenCalledWith(false);
    button('Turn camera off').click();
    expect(media.setCameraEnabled).toHaveBeenCalledWith(false);
    button('Hang up').click();
    expect(manager.hangup).toHaveBeenCalled();
    expect(el.querySelector('[data-testid="reconnecting"]')).toBeNull();

    manager.phase.set('reconnecting');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="reconnecting"]')?.textContent).toContain('Reconnecting…');
  });

  it("says so, and announces it, when the other side's connection dropped", async () => {
    const { el, manager, media, fixture } = await render('in-call');
    const announce = jest.spyOn(TestBed.inject(LiveAnnouncer), 'announce');
    media.quality.set({ level: 'good', reason: null });
    await fixture.whenStable();
    manager.phase.set('reconnecting');
    manager.peerDropped.set(true);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="call-status"]')?.textContent?.trim()).toBe(
      "Reconnecting… (the customer's connection dropped)",
    );
    const indicator = el.querySelector('[data-testid="call-quality"]');
    expect(indicator?.getAttribute('data-quality-level')).toBe('poor');
    expect(announce).toHaveBeenLastCalledWith("The customer's connection dropped, reconnecting", 'polite');

    manager.phase.set('in-call');
    manager.peerDropped.set(false);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="call-status"]')?.textContent?.trim()).toBe('In call');
    expect(el.querySelector('[data-testid="call-quality"]')?.getAttribute('data-quality-level')).toBe('good');
    expect(announce).toHaveBeenLastCalledWith('Connected with Ada', 'polite');
  });

  it("shows the other side's mute and camera-off on their video, and the camera switch with two cameras", async () => {
    const { el, button, media, fixture } = await render('in-call');
    const state = el.querySelector('[data-testid="remote-media-state"]');
    expect(state?.getAttribute('role')).toBe('status');
    expect(state?.textContent?.trim()).toBe('');
    expect(button('Switch camera')).toBeUndefined();

    fixture.destroy();
    TestBed.resetTestingModule();
    const twoCameras = {
      ...media,
      remoteMedia: signal({ audio: false, video: false }),
      localStream: signal({ getTracks: () => [], getVideoTracks: () => [] }),
      listDevices: jest.fn(async () => [
        { kind: 'videoinput', deviceId: 'front' },
        { kind: 'videoinput', deviceId: 'back' },
      ]),
    };
    const again = await render('in-call', { media: twoCameras });
    await again.fixture.whenStable();
    const text = again.el.querySelector('[data-testid="remote-media-state"]')?.textContent;
    expect(text).toContain('Ada is muted');
    expect(text).toContain("Ada's camera is off");
    again.button('Switch camera').click();
    expect(twoCameras.switchCamera).toHaveBeenCalled();
  });

  it('offers screen sharing where the browser can, and says who is sharing', async () => {
    const { button, media, fixture } = await render('in-call');
    expect(button('Share screen')).toBeUndefined();

    fixture.destroy();
    TestBed.resetTestingModule();
    const sharing = {
      ...media,
      localStream: signal({ getTracks: () => [], getVideoTracks: () => [] }),
      remoteMedia: signal({ audio: true, video: true, screen: true }),
      canShareScreen: jest.fn(() => true),
    };
    const again = await render('in-call', { media: sharing });
    await again.fixture.whenStable();
    const state = () => again.el.querySelector('[data-testid="remote-media-state"]')?.textContent ?? '';
    expect(state()).toContain('Ada is sharing their screen');
    expect(again.el.querySelector('[data-testid="remote-video"]')?.classList).toContain('cs-remote--screen');
    again.button('Share screen').click();
    expect(sharing.shareScreen).toHaveBeenCalled();
    sharing.sharedScreen.set({ getTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream);
    await again.fixture.whenStable();
    expect(state()).toContain('You are sharing your screen');
    expect(again.button('Stop sharing')?.getAttribute('aria-pressed')).toBe('true');
    again.button('Stop sharing').click();
    expect(sharing.stopScreenShare).toHaveBeenCalled();
  });

  it('shrinks the live call to the mini view, which leaves the page usable, and grows it back', async () => {
    const behind = document.createElement('main');
    behind.innerHTML = '<a href="/catalog">Catalog</a>';
    document.body.appendChild(behind);
    const minimized = signal(false);
    const { el, button, manager, fixture } = await render('in-call', { minimized });
    expect(behind.hasAttribute('inert')).toBe(true);
    button('Minimize').click();
    expect(manager.minimizeCall).toHaveBeenCalled();

    minimized.set(true);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="in-call"]')).toBeNull();
    const mini = el.querySelector('[data-testid="mini-call"]');
    expect(mini?.getAttribute('aria-label')).toBe('Call with Ada');
    expect(mini?.querySelector('[data-testid="remote-video"]')).not.toBeNull();
    expect(behind.hasAttribute('inert')).toBe(false);
    button('Mute').click();
    expect(manager.media.setMicEnabled).toHaveBeenCalledWith(false);
    expect(manager.restoreCall).not.toHaveBeenCalled(); // its buttons are not a click on the box
    button('Back to call').click();
    expect(manager.restoreCall).toHaveBeenCalledTimes(1);
    (mini?.querySelector('video') as HTMLElement).click(); // so is a click on the video
    expect(manager.restoreCall).toHaveBeenCalledTimes(2);
    button('Hang up').click();
    expect(manager.hangup).toHaveBeenCalled();
    behind.remove();
  });

  it('offers to rejoin a call that is still on after a reload', async () => {
    const { el, button, manager, fixture } = await render('rejoin', {
      counterpart: signal('Lamp Shop'),
      viewer: signal('customer'),
    });
    const banner = el.querySelector('[data-testid="rejoin-call"]');
    expect(banner?.getAttribute('role')).toBe('alertdialog');
    expect(banner?.textContent).toContain('Your call with Lamp Shop is still on');
    expect(el.querySelector('[data-testid="in-call"]')).toBeNull();
    button('Rejoin').click();
    expect(manager.rejoin).toHaveBeenCalled();
    button('Hang up').click();
    expect(manager.hangup).toHaveBeenCalled();

    manager.rejoining.set(true);
    await fixture.whenStable();
    expect(button('Rejoin').disabled).toBe(true);
    expect(banner?.textContent).toContain('Rejoining…');
  });

  it('offers audio only after a camera problem', async () => {
    const outcome = signal({
      title: 'We could not use your camera or microphone.',
      detail: 'Allow it',
      tone: 'error',
      suggestCallback: true,
      mediaError: 'permission-denied',
    });
    const request = signal({ type: 'video', sellerId: 's1', displayName: 'Lamp Shop' });
    const { el, button, manager } = await render('ended', { outcome, request, viewer: signal('customer') });
    expect(el.querySelector('[data-testid="call-outcome"]')?.textContent).toContain(
      'We could not use your camera',
    );
    button('Try audio only').click();
    expect(manager.retryAudioOnly).toHaveBeenCalled();
    expect(button('Call Seller by phone')).toBeDefined();
    expect(button('Request a callback')).toBeDefined();
  });

  it('shows the connection quality in words, with its level as a hook', async () => {
    const { el, media, fixture } = await render('in-call');
    expect(el.querySelector('[data-testid="call-quality"]')).toBeNull();
    media.quality.set({ level: 'poor', reason: 'High packet loss' });
    await fixture.whenStable();
    const indicator = el.querySelector('[data-testid="call-quality"]');
    expect(indicator?.getAttribute('data-quality-level')).toBe('poor');
    expect(indicator?.textContent?.trim()).toBe('Connection: Poor · High packet loss');
    media.quality.set({ level: 'good', reason: null });
    await fixture.whenStable();
    expect(indicator?.textContent?.trim()).toBe('Connection: Good');
  });

  it('offers audio only when the connection stays poor, and video back once switched', async () => {
    const { el, button, media, fixture } = await render('in-call');
    expect(button('Switch to audio only')).toBeUndefined();
    media.offerAudioOnly.set(true);
    await fixture.whenStable();
    button('Switch to audio only').click();
    expect(media.setAudioOnlyMode).toHaveBeenCalledWith(true);

    media.audioOnlyMode.set(true);
    await fixture.whenStable();
    // The other side's video is shown as off, and the camera button makes way.
    expect(el.querySelector('[data-testid="remote-video"]')?.classList).toContain('cs-hidden');
    expect(button('Turn camera off')).toBeUndefined();
    button('Turn video back on').click();
    expect(media.setAudioOnlyMode).toHaveBeenCalledWith(false);
  });

  it('offers the customer the shop’s phone and a callback when the network kept the call from connecting', async () => {
    const outcome = signal({
      title: "We couldn't connect the video.",
      detail: 'Your network may block calls.',
      tone: 'error',
      suggestCallback: true,
      phoneFallback: true,
    });
    const counterpartPhone = jest.fn(async () => ({
      name: 'Lamp Shop',
      number: '+1 555 0100',
      href: 'tel:+15550100',
    }));
    const { el, button, fixture } = await render('ended', {
      outcome,
      counterpartPhone,
      viewer: signal('customer'),
    });
    await fixture.whenStable();
    const panel = el.querySelector('[data-testid="call-outcome"]');
    expect(panel?.textContent).toContain("We couldn't connect the video.Your network may block calls.");
    const link = el.querySelector('[data-testid="outcome-phone-link"]');
    expect(link?.getAttribute('href')).toBe('tel:+15550100');
    expect(link?.textContent?.trim()).toBe('Call Lamp Shop at +1 555 0100');
    expect(button('Request a callback')).toBeDefined();
  });

  it('offers the shop the customer’s phone, and no callback request to itself', async () => {
    const outcome = signal({
      title: "We couldn't connect the video.",
      detail: 'Your network may block calls.',
      tone: 'error',
      suggestCallback: false,
      phoneFallback: true,
    });
    const counterpartPhone = jest.fn(async () => ({
      name: 'Ada',
      number: '+1 555 0177',
      href: 'tel:+15550177',
    }));
    const { el, button, fixture } = await render('ended', { outcome, counterpartPhone });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="outcome-phone-link"]')?.textContent?.trim()).toBe(
      'Call Ada at +1 555 0177',
    );
    expect(button('Request a callback')).toBeUndefined();
  });
});
