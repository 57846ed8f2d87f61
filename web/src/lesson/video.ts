// The lesson video: a privacy-enhanced YouTube player (youtube-nocookie.com) behind a
// placeholder, loaded only when the learner asks for it and only with a connection, honoring
// start/end, with a plain link and an offline note.
import { h } from '../dom.ts';
import { t } from '../i18n/i18n.ts';
import type { Video } from './lesson-model.ts';

const clock = (s: number): string => {
  const m = Math.floor(s / 60);
  const rest = String(Math.floor(s % 60)).padStart(2, '0');
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
};

export function embedUrl(video: Video): string {
  const url = new URL(`https://www.youtube-nocookie.com/embed/${encodeURIComponent(video.id)}`);
  if (video.start) url.searchParams.set('start', String(Math.floor(video.start)));
  if (video.end) url.searchParams.set('end', String(Math.floor(video.end)));
  url.searchParams.set('rel', '0');
  url.searchParams.set('autoplay', '1');
  return url.href;
}

export function watchUrl(video: Video): string {
  const url = new URL('https://www.youtube.com/watch');
  url.searchParams.set('v', video.id);
  if (video.start) url.searchParams.set('t', `${Math.floor(video.start)}s`);
  return url.href;
}

/**
 * The video section. `live`: a placeholder with a play button (nothing loads from YouTube until
 * the learner asks); the button loads the player in its place. Without a connection the player
 * would show the browser's broken-page icon, so offline the button stays and says the video
 * needs a connection, and a player on screen when the connection goes (or one that fails to
 * load) gives way to the placeholder again. Not live (the static page, read before or without
 * JavaScript): the same box, the same size, with a link to YouTube in the button's place; the
 * page's script swaps in the live section without moving anything.
 */
export function renderVideo(video: Video, title: string, live = true): HTMLElement | null {
  if (video.platform !== 'youtube') return null;
  const range = video.end ? t('lesson.video.range', { start: clock(video.start ?? 0), end: clock(video.end) }) : '';
  const offline = h('p', { class: 'video-offline', role: 'status' });
  const frame = h('div', { class: 'video-frame' });
  const label = [h('span', { class: 'play-icon', 'aria-hidden': 'true' }, '▶'), ` ${t('lesson.video.play')}${range ? ` ${range}` : ''}`] as const;
  if (!live) {
    frame.append(h('a', { class: 'video-play', href: watchUrl(video), rel: 'noopener noreferrer' }, ...label,
      h('small', {}, t('lesson.video.opens'))));
  } else {
    const note = h('small', {});
    const button = h('button', { type: 'button', class: 'video-play', onclick: () => play() }, ...label, note);
    const showPlaceholder = () => {
      if (frame.firstElementChild !== button) frame.replaceChildren(button);
    };
    const updateOffline = () => {
      const online = navigator.onLine;
      offline.textContent = online ? '' : t('lesson.video.offline');
      note.textContent = online ? t('lesson.video.loads') : t('lesson.video.offlineNote');
      frame.classList.toggle('offline', !online);
      // A player cannot play on without a connection: the placeholder says why instead.
      if (!online && frame.querySelector('iframe')) showPlaceholder();
    };
    const play = () => {
      updateOffline();
      if (!navigator.onLine) {
        button.focus();
        return;
      }
      const iframe = h('iframe', {
        src: embedUrl(video), title: t('lesson.video.frame', { title }), loading: 'lazy',
        allow: 'autoplay; encrypted-media; picture-in-picture; fullscreen', allowfullscreen: true,
        referrerpolicy: 'strict-origin-when-cross-origin',
      });
      iframe.addEventListener('error', () => {
        showPlaceholder();
        offline.textContent = t('lesson.video.failed');
      });
      frame.replaceChildren(iframe);
      iframe.focus();
    };
    const onChange = () => {
      if (offline.isConnected) return updateOffline();
      removeEventListener('online', onChange);  // the page was re-rendered without this video
      removeEventListener('offline', onChange);
    };
    addEventListener('online', onChange);
    addEventListener('offline', onChange);
    frame.append(button);
    updateOffline();
  }

  return h('section', { class: 'video', 'aria-label': t('lesson.video.label') }, frame,
    h('p', { class: 'video-link' }, `${t('lesson.video.or')} `, h('a', { href: watchUrl(video), rel: 'noopener noreferrer' }, t('lesson.video.watch')),
      range ? ` ${range}` : '', '. ', h('span', { class: 'muted' }, t('lesson.video.needsConnection'))),
    offline);
}
