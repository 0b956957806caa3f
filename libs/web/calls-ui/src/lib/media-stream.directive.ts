import { Directive, ElementRef, OnDestroy, effect, inject, input, output } from '@angular/core';

/**
 * Binds a MediaStream to a `<video>`/`<audio>` element and starts playback. When the browser
 * refuses to play with sound before a user gesture, `playbackBlocked` fires so the view can
 * show "Click to enable sound".
 */
@Directive({ selector: 'video[csMediaStream], audio[csMediaStream]', exportAs: 'csMediaStream' })
export class MediaStreamDirective implements OnDestroy {
  private readonly el = inject<ElementRef<HTMLMediaElement>>(ElementRef);
  readonly csMediaStream = input<MediaStream | null>(null);
  readonly playbackBlocked = output<boolean>();

  constructor() {
    effect(() => {
      const stream = this.csMediaStream();
      const media = this.el.nativeElement;
      if (media.srcObject !== stream) media.srcObject = stream;
      if (stream) void this.play();
    });
  }

  /** Retries playback; call it from a click. */
  async play(): Promise<void> {
    const media = this.el.nativeElement;
    try {
      await media.play?.();
      this.playbackBlocked.emit(false);
    } catch (error) {
      if ((error as { name?: string })?.name === 'NotAllowedError') this.playbackBlocked.emit(true);
    }
  }

  ngOnDestroy(): void {
    this.el.nativeElement.srcObject = null;
  }
}
