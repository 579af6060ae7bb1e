-- Photos of signed 纸质表决票 / 授权委托书 uploaded from the console; a paper ballot refers to one as
-- photo_media_id 'upload:<id>' (a WeChat media id when entered through the API).
create table poll_paper_photo (
    id           bigserial primary key,
    poll_id      bigint      not null references poll (id),
    content_type text        not null,
    bytes        bytea       not null,
    sha256       text        not null,
    uploaded_by  bigint      not null,
    uploaded_at  timestamptz not null
);
create index poll_paper_photo_poll on poll_paper_photo (poll_id);
