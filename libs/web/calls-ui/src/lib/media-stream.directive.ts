import { Directive, ElementRef, OnDestroy, effect, inject, input, output } from '@angular/core';

/**
 * Binds a MediaStream to a `<video>`/`<audio>` element and starts playback. When the browser
 * refuses to play with sound before a user gesture (Safari on a phone, Chrome's autoplay
 * rules), it plays muted instead, so the picture shows, and `playbackBlocked` fires so the
 * view can offer "Turn on sound"; {@link play} from that tap unmutes and plays again.
 */
@Directive({ selector: 'video[csMediaStream], audio[csMediaStream]', exportAs: 'csMediaStream' })
export class MediaStreamDirective implements OnDestroy {
  private readonly el = inject<ElementRef<HTMLMediaElement>>(ElementRef);
  readonly csMediaStream = input<MediaStream | null>(null);
  readonly playbackBlocked = output<boolean>();
  /** This directive muted the element because sound was refused (not a self view muted on purpose). */
  private mutedForAutoplay = false;

  constructor() {
    effect(() => {
      const stream = this.csMediaStream();
      const media = this.el.nativeElement;
      if (media.srcObject !== stream) media.srcObject = stream;
      if (stream) void this.play();
    });
  }

  /** Plays with sound, or muted when the browser refuses sound; call it again from a tap. */
  async play(): Promise<void> {
    const media = this.el.nativeElement;
    if (this.mutedForAutoplay) {
      media.muted = false;
      this.mutedForAutoplay = false;
    }
    try {
      await media.play?.();
      this.playbackBlocked.emit(false);
    } catch (error) {
      if ((error as { name?: string })?.name !== 'NotAllowedError' || media.muted) return;
      this.playbackBlocked.emit(true);
      // Without sound the browser plays at once: at least the other side's picture shows.
      media.muted = true;
      this.mutedForAutoplay = true;
      await Promise.resolve(media.play?.()).catch(() => undefined);
    }
  }

  ngOnDestroy(): void {
    this.el.nativeElement.srcObject = null;
  }
}
