import { Component, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MediaStreamDirective } from './media-stream.directive';

@Component({
  imports: [MediaStreamDirective],
  template: `<video [csMediaStream]="stream()" (playbackBlocked)="blocked.push($event)" playsinline></video>`,
})
class HostComponent {
  readonly stream = signal<MediaStream | null>(null);
  readonly blocked: boolean[] = [];
  readonly directive = viewChild.required(MediaStreamDirective);
}

/** A browser that refuses to play with sound until `allowSound()` (a user's tap). */
function autoplayRules(video: HTMLVideoElement) {
  let soundAllowed = false;
  const played: boolean[] = [];
  video.play = jest.fn(async () => {
    played.push(video.muted);
    if (!video.muted && !soundAllowed)
      throw Object.assign(new Error('no gesture'), { name: 'NotAllowedError' });
  });
  return { played, allowSound: () => (soundAllowed = true) };
}

async function render() {
  const fixture = TestBed.createComponent(HostComponent);
  await fixture.whenStable();
  const video: HTMLVideoElement = fixture.nativeElement.querySelector('video');
  const rules = autoplayRules(video);
  fixture.componentInstance.stream.set({ id: 'remote' } as MediaStream);
  await fixture.whenStable();
  await new Promise((r) => setTimeout(r, 0));
  return { fixture, video, host: fixture.componentInstance, ...rules };
}

describe('MediaStreamDirective', () => {
  it('plays with sound where the browser allows it', async () => {
    const { video, host, played, allowSound } = await render();
    allowSound();
    await host.directive().play();
    expect(video.muted).toBe(false);
    expect(played.at(-1)).toBe(false);
    expect(host.blocked.at(-1)).toBe(false);
  });

  it('plays muted when sound is refused, says so, and unmutes from a tap', async () => {
    const { video, host, played, allowSound } = await render();
    // Refused with sound, then played muted: the picture shows while the view offers sound.
    expect(played).toEqual([false, true]);
    expect(video.muted).toBe(true);
    expect(host.blocked).toEqual([true]);

    allowSound();
    await host.directive().play();
    expect(video.muted).toBe(false);
    expect(played.at(-1)).toBe(false);
    expect(host.blocked.at(-1)).toBe(false);
  });

  it('leaves a self view that is muted on purpose muted', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const selfView: HTMLVideoElement = fixture.nativeElement.querySelector('video');
    selfView.muted = true;
    const { played } = autoplayRules(selfView);
    fixture.componentInstance.stream.set({ id: 'local' } as MediaStream);
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    expect(played).toEqual([true]);
    expect(selfView.muted).toBe(true);
    expect(fixture.componentInstance.blocked).toEqual([false]);
  });
});
