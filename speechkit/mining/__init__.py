"""Mining: Outline → phrases (segmentation and keywords, slots, dedup), merged
into a bank folder by ``extract``. The only place that imports jieba."""
